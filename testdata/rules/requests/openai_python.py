"""openai-python pointed at OpenRouter: every method shape, sync and async, aliases."""
import os

import openai
from openai import AsyncOpenAI, OpenAI
from openai import OpenAI as OAI

OPENROUTER = "https://openrouter.ai/api/v1"
client = OpenAI(base_url=OPENROUTER, api_key=os.environ["OPENROUTER_API_KEY"])
aclient = AsyncOpenAI(base_url="https://eu.openrouter.ai/api/v1", api_key="x")
aliased = OAI(base_url=os.getenv("LLM_BASE_URL", "https://openrouter.ai/api/v1"))
by_key = openai.OpenAI(api_key=os.getenv("OPENROUTER_API_KEY"))

PINNED = {"order": ["anthropic", "amazon-bedrock"], "allow_fallbacks": False}


def every_method(messages):
    client.chat.completions.create(model="openai/gpt-4o", messages=messages)  # expect: OR003
    client.chat.completions.parse(model="openai/gpt-4o", messages=messages)  # expect: OR003
    client.chat.completions.stream(model="openai/gpt-4o", messages=messages)  # expect: OR003
    client.completions.create(model="openai/gpt-4o", prompt="hi")  # expect: OR003
    client.responses.create(model="openai/gpt-4o", input="hi")  # expect: OR003
    client.responses.stream(model="openai/gpt-4o", input="hi")  # expect: OR003
    client.beta.chat.completions.parse(model="openai/gpt-4o", messages=messages)  # expect: OR003
    client.with_options(timeout=5).chat.completions.create(model="m", messages=messages)  # expect: OR003
    aliased.chat.completions.create(model="m", messages=messages)  # expect: OR003
    by_key.chat.completions.create(model="m", messages=messages)  # expect: OR003


async def async_calls(messages):
    await aclient.chat.completions.create(model="m", messages=messages)  # expect: OR003
    stream = await aclient.responses.create(model="m", input="hi", extra_body={"provider": PINNED})
    return stream


def preferences(messages):
    # Pinned: order with fallbacks off, or an `only` allowlist.
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": PINNED})
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {"only": ["anthropic"]}})
    # order without allow_fallbacks: still falls back.
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={"provider": {"order": ["anthropic"]}},  # expect: OR002
    )
    # allow_fallbacks written out as true.
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={"provider": {"order": ["anthropic"], "allow_fallbacks": True}},  # expect: OR002
    )
    # A provider object without order or only.
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {"data_collection": "deny"}})  # expect: OR003
    # extra_body without provider.
    client.chat.completions.create(model="m", messages=messages, extra_body={"models": ["a/b"]})  # expect: OR003
    # Built with dict(), spreads and ** of resolvable values.
    base = dict(order=["anthropic"], allow_fallbacks=False)
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {**base, "zdr": True}})
    extra = {"extra_body": {"provider": {"order": ["openai"]}}}  # expect: OR002
    client.chat.completions.create(model="m", messages=messages, **extra)
    # Presets keep routing in OpenRouter's settings.
    client.chat.completions.create(model="@preset/support-bot", messages=messages)


def misplaced(messages):
    client.chat.completions.create(model="m", messages=messages, provider={"order": ["a"]})  # expect: OR010
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={"provider": {"order": ["a"], "allowFallbacks": False}},  # expect: OR010, OR002
    )
    client.chat.completions.create(
        model="m",
        messages=messages,
        extra_body={"provider": {"only": ["a"], "fallbacks": False}},  # expect: OR010
    )


class Summariser:
    def __init__(self):
        self.client = OpenAI(base_url=OPENROUTER)
        self.other = None

    def run(self, messages):
        return self.client.chat.completions.create(model="m", messages=messages)  # expect: OR003


class FieldClient:
    client = AsyncOpenAI(base_url=OPENROUTER)

    async def run(self, messages):
        return await self.client.chat.completions.create(model="m", messages=messages)  # expect: OR003


def inline(messages):
    return OpenAI(base_url=OPENROUTER).chat.completions.create(model="m", messages=messages)  # expect: OR003


def unknown_preferences(messages, prefs, **kwargs):
    # From a parameter, a function result, a splat of unknowns: not judged.
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": prefs})
    client.chat.completions.create(model="m", messages=messages, extra_body=load_extra())
    client.chat.completions.create(model="m", messages=messages, **kwargs)
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {**prefs}})
