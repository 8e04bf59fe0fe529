import requests

from a import URL

BASE = "https://openrouter.ai/api/v1"


def send_again(messages):
    return requests.post(URL, json={"model": "m", "messages": messages, "provider": {"only": ["openai"]}})  # expect: OR005
