from .client import llm, get_client
