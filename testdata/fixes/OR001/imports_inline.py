import sys; import os.path

# `os` is already bound (by `import os.path`, on one line with another import): no second import.
OPENROUTER_API_KEY = "{{KEY}}"
print(sys.argv, os.path.sep)
