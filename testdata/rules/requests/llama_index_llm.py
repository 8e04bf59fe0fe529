"""llama-index's OpenRouter LLM: the constructor is the site."""
from llama_index.llms.openrouter import OpenRouter

llm = OpenRouter(model="openai/gpt-4o", api_key="x")  # expect: OR003
pinned = OpenRouter(model="m", additional_kwargs={"extra_body": {"provider": {"only": ["openai"]}}})
