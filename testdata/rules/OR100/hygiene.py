"""OR100: suppressions that do nothing."""
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")

KEY = "{{KEY}}"  # orlint: ignore[OR001] -- revoked fixture key
x = 1  # orlint: ignore[OR001]  expect: OR100
y = 2  # orlint: ignore  expect: OR100
z = 3  # orlint: ignore[OR999]  expect: OR100
w = 4  # orlint: ignore[hardcoded-key]  expect: OR100
# OR004 is inactive without regulated paths: orlint cannot tell whether this one is stale.
v = 5  # orlint: ignore[OR004]


def audited_call():
    return client.chat.completions.create(model="m", messages=[])  # orlint: ignore[OR003] -- routing lives in a preset
