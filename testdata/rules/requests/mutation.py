"""Objects changed after they are built: what is sent is not what the literal shows."""
from openai import OpenAI

import requests

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def maybe_pinned(messages, pin):
    params = {"model": "m", "messages": messages}
    if pin:
        params["extra_body"] = {"provider": {"only": ["anthropic"]}}
    return client.chat.completions.create(**params)


def updated(messages, extra):
    body = {"model": "m", "messages": messages}
    body.update(extra)
    return requests.post("https://openrouter.ai/api/v1/chat/completions", json=body)


def untouched(messages):
    params = {"model": "m", "messages": messages}
    return client.chat.completions.create(**params)  # expect: OR003
