import os

import openai
import requests
from langchain_openai import ChatOpenAI
from litellm import completion
from openai import OpenAI
from pydantic_ai.providers.openrouter import OpenRouterProvider

# Literal keys of another format given to OpenRouter clients and requests.
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="{{LITKEY}}")  # expect: OR001
provider = OpenRouterProvider(api_key="{{LITKEY2}}")  # expect: OR001

BEARER_KEY = "{{LITKEY3}}"  # expect: OR001
HEADERS = {"Authorization": f"Bearer {BEARER_KEY}"}

# Placeholders and environment reads are fine.
placeholder = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="your-openrouter-key-here")
from_env = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
named = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="OPENROUTER_API_KEY")
dummy = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="dummy-key-for-local-runs")
# Not OpenRouter: another linter's business.
plain = OpenAI(api_key="{{LITKEY4}}")


def audited_chat(prompt):
    body = {
        "model": "anthropic/claude-3.5-sonnet",
        "messages": [{"role": "user", "content": prompt}],
        "provider": {"order": ["anthropic"], "allow_fallbacks": False},
    }
    return requests.post("https://openrouter.ai/api/v1/chat/completions", headers=HEADERS, json=body)


def audited_litellm(prompt):
    return completion(
        model="openrouter/anthropic/claude-3.5-sonnet",
        messages=[{"role": "user", "content": prompt}],
        api_key="{{LITKEY5}}",  # expect: OR001
        extra_body={"provider": {"order": ["anthropic"], "allow_fallbacks": False}},
    )


# openai-python before 1.0, pointed at OpenRouter module-wide.
openai.api_base = "https://openrouter.ai/api/v1"
openai.api_key = "{{LITKEY6}}"  # expect: OR001


def audited_langchain(prompt):
    llm = ChatOpenAI(  # expect: OR003
        model="anthropic/claude-3.5-sonnet",
        base_url="https://openrouter.ai/api/v1",
        openai_api_key="{{LITKEY7}}",  # expect: OR001
    )
    return llm.invoke(prompt)
