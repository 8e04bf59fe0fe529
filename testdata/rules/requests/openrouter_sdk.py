"""The `openrouter` Python SDK: snake_case keyword arguments."""
import os

from openrouter import OpenRouter

with OpenRouter(api_key=os.getenv("OPENROUTER_API_KEY", "")) as router:
    router.chat.send(model="openai/gpt-4o", messages=[])  # expect: OR003
    router.chat.send(model="m", messages=[], provider={"order": ["anthropic"], "allow_fallbacks": False})
    router.chat.send(model="m", messages=[], provider={"order": ["anthropic"]})  # expect: OR002
    router.chat.send(model="m", messages=[], provider={"only": ["a"], "allowFallbacks": False})  # expect: OR010

sdk = OpenRouter(api_key=os.environ["OPENROUTER_API_KEY"])


async def main():
    await sdk.chat.send_async(model="m", messages=[])  # expect: OR003
