"""Regulated through the top-level `**/phi/**` glob (no zone matches this path)."""
from langchain_openrouter import ChatOpenRouter

llm = ChatOpenRouter(model="google/gemini-2.5-flash")  # expect: OR009
safe = ChatOpenRouter(model="openai/gpt-4o", openrouter_provider={"only": ["openai"], "zdr": True})
