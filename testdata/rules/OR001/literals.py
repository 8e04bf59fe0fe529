"""OR001 in Python: every literal form, comments, concatenation, and what must not match."""
import os

from openai import OpenAI

PLAIN = "{{KEY}}"  # expect: OR001
SINGLE = '{{KEY}}'  # expect: OR001
RAW = r"{{KEY}}"  # expect: OR001
BYTES = b"{{KEY}}"  # expect: OR001
FSTRING = f"Bearer {{KEY}}"  # expect: OR001
TRIPLE = """
{{KEY}}
"""
DEFAULTED = os.getenv("OPENROUTER_API_KEY", "{{KEY}}")  # expect: OR001

# A key in a comment has leaked just as much: {{KEY}}  expect: OR001

client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key="{{KEY}}",  # expect: OR001
)

# Split keys are still hardcoded keys.
ADJACENT = "sk-or-v1-" "{{HEX}}"  # expect: OR001
PLUS = "sk-or-v1-" + "{{HEX}}"  # expect: OR001
THREE_PIECES = "sk-or-v1-" + "{{HEX1}}" + "{{HEX2}}"  # expect: OR001
WRAPPED = (
    "sk-or-v1-"  # expect: OR001
    "{{HEX1}}"
    "{{HEX2}}"
)
NESTED = ("sk-or-" + "v1-") + "{{HEX}}"  # expect: OR001
# A key glued to the text around it has leaked just the same (after an escape, a word).
GLUED = "x{{KEY}}"  # expect: OR001
ESCAPED = "key:\n{{KEY}}_old"  # expect: OR001

# Not keys: placeholders, wrong lengths, uppercase hex, other prefixes.
PLACEHOLDER = "sk-or-v1-..."
PLACEHOLDER_2 = "sk-or-v1-your-key-here"
SHORT = "sk-or-v1-{{HEX63}}"
LONG = "{{KEY}}0"
UPPER = "sk-or-v1-{{HEXUPPER}}"
BROKEN_UP = "sk-or-v1-" + variable + "{{HEX}}"
FORMATTED = f"sk-or-v1-{suffix}" + "{{HEX}}"
OTHER = "sk-ant-v1-{{HEX}}"
