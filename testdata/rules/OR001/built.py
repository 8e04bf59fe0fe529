"""OR001: keys assembled at run time from pieces written in the file."""
PREFIX = "sk-or-v1-"
HEX = "{{HEX}}"
FIRST, SECOND = "{{HEX1}}", "{{HEX2}}"

JOINED = "".join([PREFIX, HEX])  # expect: OR001
FORMATTED = "{}{}".format(PREFIX, HEX)  # expect: OR001
NUMBERED = "{0}{1}{2}".format("sk-or-v1-", "{{HEX1}}", "{{HEX2}}")  # expect: OR001
NAMED = "{p}{h}".format(p=PREFIX, h=HEX)  # expect: OR001
PERCENT = "%s%s" % (PREFIX, HEX)  # expect: OR001
ADDED = PREFIX + HEX  # expect: OR001
F_STRING = f"{PREFIX}{{HEX}}"  # expect: OR001
HEADER = {"Authorization": "Bearer " + PREFIX + HEX}  # expect: OR001

# Not keys: a piece orlint cannot see, a prefix alone, a hash that only looks like hex.
UNKNOWN = PREFIX + input()
ALONE = PREFIX + "..."
DIGEST = "sha256:" + HEX
IN_F_STRING = f"{PREFIX}{{HEX}}"  # expect: OR001
