KEY = "{{KEY}}"  # orlint: ignore[OR001] -- a revoked fixture key
KEY_ALL = "{{KEY}}"  # orlint: ignore
KEY_LIST = "{{KEY}}"  # orlint: ignore[OR003, OR001]  expect: OR100 (OR003 unused)
KEY_CASE = "{{KEY}}"  # orlint: ignore[or001]
WRONG_CODE = "{{KEY}}"  # orlint: ignore[OR003]  expect: OR001, OR100
# orlint: ignore[OR001] -- alone on the line above
ABOVE = "{{KEY}}"
# orlint: ignore[OR001]  expect: OR100

TOO_FAR = "{{KEY}}"  # expect: OR001
TRAILING = 1  # orlint: ignore[OR001]  expect: OR100
NEXT_AFTER_TRAILING = "{{KEY}}"  # expect: OR001
IN_STRING = "orlint: ignore[OR001] {{KEY}}"  # expect: OR001
SPLIT = ("sk-or-v1-"  # orlint: ignore[OR001] -- first line of the finding
         "{{HEX}}")
