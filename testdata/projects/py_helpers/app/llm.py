import os

import requests
from openai import OpenAI

OPENROUTER = "https://openrouter.ai/api/v1"


def chat(client, messages, **kwargs):
    return client.chat.completions.create(model="m", messages=messages, **kwargs)


def summarize(client, text):
    # Every call of `summarize` in this file passes an OpenRouter client: its request is one.
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])  # expect: OR003, OR005


def ask(client, question):
    # Called with an OpenRouter client and with a plain one: not known here.
    return client.chat.completions.create(model="m", messages=[])


summarize(OpenAI(base_url=OPENROUTER), "hello")
ask(OpenAI(base_url=OPENROUTER), "q")  # expect: OR003 -> app/llm.py:20, OR005 -> app/llm.py:20
ask(OpenAI(), "q")


class Gateway:
    def __init__(self, base_url=OPENROUTER, session=None):
        self.base_url = base_url
        self.session = session or requests.Session()

    def complete(self, payload):
        return self.session.post(f"{self.base_url}/chat/completions", json=payload)  # expect: OR005


def default_client(client=None):
    client = client or OpenAI(base_url=os.getenv("OPENROUTER_BASE_URL", OPENROUTER))
    return client.chat.completions.create(model="m", messages=[])  # expect: OR003, OR005
