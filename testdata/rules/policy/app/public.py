"""Not regulated: free models are fine here, but providers and models follow the top-level lists."""
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")

client.chat.completions.create(model="meta-llama/llama-3.3-70b-instruct:free", messages=[])  # expect: OR007
client.chat.completions.create(model="openai/gpt-4o-mini", messages=[])
client.chat.completions.create(
    model="anthropic/claude-sonnet-4",
    messages=[],
    extra_body={
        "provider": {
            "order": ["anthropic", "google-ai-studio", "Google Vertex", "google-vertex/us-east5"],
            "only": ["OpenAI", "Amazon Bedrock", "deepinfra"],  # expect: OR006, OR006
            "allow_fallbacks": False,
        },
    },
)
client.chat.completions.create(model="openrouter/auto", messages=[])  # expect: OR007
client.chat.completions.create(model="@preset/support", messages=[])
