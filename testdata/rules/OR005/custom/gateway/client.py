"""This file implements the wrapper (`wrapper-paths`): its calls are the audited ones."""
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def send(**kwargs):
    return client.chat.completions.create(**kwargs)
