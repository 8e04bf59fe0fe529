# A file-level directive counts only in the first 10 lines.
#
#
#
#
#
#
#
#
#
# orlint: ignore-file  expect: OR100
KEY = "{{KEY}}"  # expect: OR001
