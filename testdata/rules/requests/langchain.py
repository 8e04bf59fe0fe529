"""LangChain: the chat model's constructor is the site."""
import os

from langchain_openai import ChatOpenAI
from langchain_openrouter import ChatOpenRouter

llm = ChatOpenAI(model="openai/gpt-4o", base_url="https://openrouter.ai/api/v1")  # expect: OR003
legacy_kw = ChatOpenAI(model_name="m", openai_api_base="https://openrouter.ai/api/v1")  # expect: OR003
by_key = ChatOpenAI(model="m", api_key=os.environ["OPENROUTER_API_KEY"])  # expect: OR003
pinned = ChatOpenAI(
    model="m",
    base_url="https://openrouter.ai/api/v1",
    extra_body={"provider": {"order": ["openai"], "allow_fallbacks": False}},
)
kwargs = ChatOpenAI(
    model="m",
    base_url="https://openrouter.ai/api/v1",
    model_kwargs={"provider": {"order": ["openai"]}},  # expect: OR002
)
dedicated = ChatOpenRouter(model="openai/gpt-4o")  # expect: OR003
dedicated_pinned = ChatOpenRouter(model="m", openrouter_provider={"only": ["openai"]})
dedicated_fallbacks = ChatOpenRouter(
    model="m",
    openrouter_provider={"order": ["openai"], "allow_fallbacks": True},  # expect: OR002
)

# A plain OpenAI model: not OpenRouter.
openai_llm = ChatOpenAI(model="gpt-4o")
