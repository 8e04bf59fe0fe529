"""Preferences that are not one literal in this file: reported, never edited."""
import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
BASE = {"order": ["anthropic"]}


def spread(messages):
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": {**BASE, "sort": "price"}})


def mutated(messages):
    routing = {"sort": "price"}
    routing["order"] = ["anthropic"]
    client.chat.completions.create(model="m", messages=messages, extra_body={"provider": routing})
