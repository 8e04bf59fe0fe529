"""Answers questions about invoices: payment data, so this path is regulated."""
import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def audited_answer(question: str) -> str:
    # A free model, a provider nobody approved, and OpenRouter's default data collection.
    response = client.chat.completions.create(
        model="deepseek/deepseek-chat-v3.1:free",
        messages=[{"role": "user", "content": question}],
        extra_body={"provider": {"only": ["deepinfra"]}},
    )
    return response.choices[0].message.content


def audited_answer_safely(question: str) -> str:
    # Approved provider and model, fallbacks off, no data collection: nothing to report.
    response = client.chat.completions.create(
        model="anthropic/claude-sonnet-4",
        messages=[{"role": "user", "content": question}],
        extra_body={"provider": {"order": ["anthropic"], "allow_fallbacks": False, "data_collection": "deny"}},
    )
    return response.choices[0].message.content
