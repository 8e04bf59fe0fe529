"""Regulated (services/billing/**): free models, and requests that allow data collection."""
import os

import litellm
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")
FALLBACK_MODEL = "mistralai/mistral-7b-instruct:free"  # expect: OR004, OR007
NOT_A_MODEL = "docs/invoice:free-text"


def summarise(invoice):
    client.chat.completions.create(  # expect: OR009
        model="meta-llama/llama-3.3-70b-instruct:free",  # expect: OR004, OR007
        messages=[],
    )
    client.chat.completions.create(  # expect: OR009
        model=os.getenv("SUMMARY_MODEL", "openrouter/free"),  # expect: OR004, OR007
        messages=[],
        extra_body={"provider": {"only": ["anthropic"]}},
    )
    client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=[],
        extra_body={
            "models": ["anthropic/claude-3.5-haiku", "qwen/qwen3-235b:free:nitro"],  # expect: OR004, OR007
            "provider": {"only": ["anthropic"], "data_collection": "deny"},
        },
    )
    client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=[],
        extra_body={"provider": {"order": ["anthropic"], "allow_fallbacks": False, "zdr": True}},
    )


def through_litellm():
    return litellm.completion(model="openrouter/google/gemma-3-27b-it:free", messages=[])  # expect: OR004, OR007, OR009


def unknown(prefs):
    # Preferences orlint cannot see are not judged.
    return client.chat.completions.create(model="anthropic/claude-sonnet-4", messages=[], extra_body={"provider": prefs})
