import os

import requests
from openai import OpenAI

if os.getenv("USE_OPENROUTER"):
    BASE = "https://openrouter.ai/api/v1"
else:
    BASE = "https://api.openai.com/v1"

llm = OpenAI(base_url=BASE)


def ask(prompt):
    return llm.chat.completions.create(model="openai/gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: OR003, OR005


def ask_pinned(prompt, fast):
    extra = {"provider": {"order": ["openai"], "allow_fallbacks": False}}
    return llm.chat.completions.create(  # expect: OR005
        model="openai/gpt-4o" if fast else "openai/gpt-4.1",
        messages=[],
        extra_body=extra,
    )


# Negative: neither branch is OpenRouter.
if os.getenv("AZURE"):
    OTHER = "https://example.openai.azure.com"
else:
    OTHER = "https://api.openai.com/v1"
other = OpenAI(base_url=OTHER)
other.chat.completions.create(model="gpt-4o", messages=[])


def send_each(body):
    for payload in [body, {**body, "stream": True}]:
        requests.post("https://openrouter.ai/api/v1/chat/completions", json=payload)  # expect: OR005


def send_both():
    body = {"model": "openai/gpt-4o", "messages": []}
    for payload in [body, {**body, "stream": True}]:
        requests.post("https://openrouter.ai/api/v1/chat/completions", json=payload)  # expect: OR003, OR005


def send_one_pinned():
    body = {"model": "openai/gpt-4o", "messages": []}
    pinned = {**body, "provider": {"order": ["openai"], "allow_fallbacks": False}}
    # One alternative pins the providers, the other does not: no rule holds in both.
    for payload in [body, pinned]:
        requests.post("https://openrouter.ai/api/v1/chat/completions", json=payload)  # expect: OR005
