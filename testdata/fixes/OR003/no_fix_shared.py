import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

# Shared by both calls: a fix for one request must not change every request that uses it.
EXTRA = {"transforms": ["middle-out"]}
KW = {"model": "anthropic/claude-sonnet-4", "messages": []}
PROVIDER = {"provider": {"sort": "price"}}


def first():
    return client.chat.completions.create(**KW, extra_body=EXTRA)


def second():
    return client.chat.completions.create(model="anthropic/claude-sonnet-4", messages=[], extra_body=EXTRA)


def third():
    return client.chat.completions.create(model="anthropic/claude-sonnet-4", messages=[], extra_body=PROVIDER)
