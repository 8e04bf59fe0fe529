"""Requests that use the settings' models."""
from openai import OpenAI

from app.settings import CHEAP, DEFAULT_MODEL, REVIEWED

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def summarise(text):
    # Reported where DEFAULT_MODEL is written, not again here.
    return client.chat.completions.create(model=DEFAULT_MODEL, messages=[{"role": "user", "content": text}])


def triage(text):
    # CHEAP's name does not say it is a model: reported here, at the request.
    return client.chat.completions.create(model=CHEAP, messages=[{"role": "user", "content": text}])  # expect: OR004 -> app/settings.py:3, OR007 -> app/settings.py:3


def review(text):
    return client.chat.completions.create(model=REVIEWED, messages=[{"role": "user", "content": text}])
