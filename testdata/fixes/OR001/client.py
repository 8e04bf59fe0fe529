"""A client with its key written in: the fix reads it from the environment."""
from __future__ import annotations

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="{{KEY}}")
