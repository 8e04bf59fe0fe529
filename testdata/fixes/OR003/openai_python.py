import os

from openai import AsyncOpenAI, OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
aclient = AsyncOpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def without_extra_body(messages):
    return client.chat.completions.create(model="anthropic/claude-sonnet-4", messages=messages)


async def multi_line(messages):
    return await aclient.chat.completions.create(
        model='anthropic/claude-sonnet-4',
        messages=messages,
        temperature=0,
    )


def with_extra_body(messages):
    return client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=messages,
        extra_body={"transforms": ["middle-out"]},
    )


def provider_without_order(messages):
    return client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=messages,
        extra_body={"provider": {"sort": "price"}},
    )
