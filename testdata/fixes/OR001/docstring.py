"""A module that opens with its docstring and imports nothing: `import os` goes after it."""

OPENROUTER_API_KEY = "{{KEY}}"
