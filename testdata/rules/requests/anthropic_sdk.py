"""The Anthropic SDK against OpenRouter's Messages API."""
from anthropic import Anthropic

client = Anthropic(base_url="https://openrouter.ai/api", api_key="x")
client.messages.create(model="anthropic/claude-sonnet-4", max_tokens=100, messages=[])  # expect: OR003
direct = Anthropic()
direct.messages.create(model="claude-sonnet-4", max_tokens=100, messages=[])
