"""Unknown keys that are not misspellings: only a person knows what was meant."""
import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def other_words(messages):
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {"only": ["a"], "providers": ["b"]}})
