from openai import OpenAI

from app.core.config import settings

llm = OpenAI(base_url=settings.openrouter_base_url, api_key=settings.openrouter_api_key)

_client = None


def get_client():
    global _client
    if _client is None:
        _client = OpenAI(base_url=str(settings.openrouter_base_url))
    return _client
