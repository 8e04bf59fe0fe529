"""LiteLLM: `openrouter/` model ids."""
import litellm
from litellm import acompletion, completion

completion(model="openrouter/anthropic/claude-sonnet-4", messages=[])  # expect: OR003
litellm.completion(model="openrouter/openai/gpt-4o", messages=[], extra_body={"provider": {"order": ["openai"], "allow_fallbacks": False}})
litellm.completion(
    model="openrouter/openai/gpt-4o",
    messages=[],
    extra_body={"provider": {"order": ["openai"]}},  # expect: OR002
)


async def run():
    await acompletion(model="openrouter/openai/gpt-4o", messages=[])  # expect: OR003


# Other providers through LiteLLM are not OpenRouter.
completion(model="anthropic/claude-sonnet-4", messages=[])
completion(model="gpt-4o", messages=[])
