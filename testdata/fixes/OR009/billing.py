import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def summarise(messages):
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {"only": ["anthropic"]}})


def flips(messages):
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={'provider': {'only': ['anthropic'], 'data_collection': 'allow'}},
    )
