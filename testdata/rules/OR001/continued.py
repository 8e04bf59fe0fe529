"""OR001: a key whose string goes on past a backslash at the end of a line."""
KEY = "sk-or-v1-\
{{HEX}}"
SPLIT_HEX = "sk-or-v1-{{HEX1}}\
{{HEX2}}"
# Not a key: the continuation joins a prefix to text that is not hex.
NOT = "sk-or-v1-\
not-a-key"
