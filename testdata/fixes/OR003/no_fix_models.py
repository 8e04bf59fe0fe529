import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

# The approved providers (anthropic, amazon-bedrock) cannot serve these models, or orlint
# cannot tell who does: an `only` list would make every request fail, so there is no fix.
client.chat.completions.create(model="minimax/minimax-m2.5", messages=[])
client.chat.completions.create(model="meta-llama/llama-3.3-70b-instruct:free", messages=[])
client.chat.completions.create(model="openai/gpt-4o", messages=[])
client.chat.completions.create(model=os.environ["MODEL"], messages=[])
client.chat.completions.create(
    model="anthropic/claude-sonnet-4",
    messages=[],
    extra_body={"models": ["anthropic/claude-sonnet-4", "openai/gpt-4o"]},
)
