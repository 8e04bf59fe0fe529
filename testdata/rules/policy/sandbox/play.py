"""Zone sandbox/**: not regulated, any provider, any model."""
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")
client.chat.completions.create(model="deepseek/deepseek-r1:free", messages=[])
client.chat.completions.create(
    model="x-ai/grok-4",
    messages=[],
    extra_body={"provider": {"only": ["deepinfra", "Together"]}},
)
