import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def keyword(messages):
    client.chat.completions.create(model="m", messages=messages, provider={"only": ["anthropic"]})


def keyword_with_extra_body(messages):
    client.chat.completions.create(
        model="m",
        messages=messages,
        provider={"only": ["anthropic"]},
        extra_body={"transforms": ["middle-out"]},
    )


def camel_and_misspelt(messages):
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={"provider": {"order": ["anthropic"], "allowFallbacks": False, "dataCollection": "deny"}},
    )
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {"only": ["a"], "allow_fallback": False}})
