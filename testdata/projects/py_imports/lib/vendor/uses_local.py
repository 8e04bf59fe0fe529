from .openai import OpenAI

# The local module, not the package: not a client orlint knows.
client = OpenAI(base_url="https://openrouter.ai/api/v1")
client.chat.completions.create(model="m", messages=[])
