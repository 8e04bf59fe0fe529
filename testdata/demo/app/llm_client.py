"""Summarises support tickets with an LLM through OpenRouter."""
import os

from openai import OpenAI

# Someone "temporarily" pasted a key while debugging. Splitting it across two literals
# does not hide it from orlint (nor from anyone reading the code).
OPENROUTER_KEY = "sk-or-v1-" "3f9ad4f6ccdcf3acbd5b360f8ca42127a18f8d72b2306816e0d24f1e86abc21e"

client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ.get("OPENROUTER_API_KEY", OPENROUTER_KEY),
)


def summarise(ticket: str) -> str:
    # No routing preferences, and not through the audit wrapper.
    response = client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=[{"role": "user", "content": f"Summarise: {ticket}"}],
    )
    return response.choices[0].message.content


def audited_classify(ticket: str) -> str:
    # Through the wrapper, but `order` alone still lets OpenRouter fall back to any provider.
    response = client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=[{"role": "user", "content": f"Classify: {ticket}"}],
        extra_body={"provider": {"order": ["anthropic", "amazon-bedrock"]}},
    )
    return response.choices[0].message.content


def audited_translate(ticket: str) -> str:
    # Pinned correctly: nothing to report.
    response = client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=[{"role": "user", "content": f"Translate: {ticket}"}],
        extra_body={"provider": {"order": ["anthropic"], "allow_fallbacks": False}},
    )
    return response.choices[0].message.content
