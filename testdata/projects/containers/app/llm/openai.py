# The project's wrapper, named like the library it wraps.
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def embed(text):
    return client.embeddings.create(model="openai/text-embedding-3-small", input=text)  # expect: OR003, OR005
