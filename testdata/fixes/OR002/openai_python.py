import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def one_line(messages):
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {"order": ["anthropic"]}})


def single_quotes(messages):
    client.chat.completions.create(model='m', messages=messages, extra_body={'provider': {'order': ['anthropic'], }})


def flipped(messages):
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={"provider": {"order": ["anthropic"], "allow_fallbacks": True}},
    )


ROUTING = {
    "order": ["anthropic", "amazon-bedrock"],
    "require_parameters": True,  # tools must work
}

ROUTING_TRAILING = {
    'order': ['anthropic'],
    'sort': 'price',
}


def from_constants(messages):
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": ROUTING})
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": ROUTING_TRAILING})
