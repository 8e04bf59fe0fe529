import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

# Shared by both requests: the finding is about each request, and a fix for one must not
# change the other.
EB = {"provider": {"order": ["anthropic"], "allow_fallbacks": False}}


def first(messages):
    return client.chat.completions.create(model="anthropic/claude-sonnet-4", messages=messages, extra_body=EB)


def second(messages):
    return client.chat.completions.create(model="anthropic/claude-sonnet-4", messages=messages, extra_body=EB)
