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
# orlint: ignore-file
KEY = "{{KEY}}"  # expect: OR001
