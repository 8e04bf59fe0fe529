import os

import requests


def ask(messages):
    return requests.post(
        "https://openrouter.ai/api/v1/chat/completions",
        headers={"Authorization": f"Bearer {os.environ['OPENROUTER_API_KEY']}"},
        json={"model": "anthropic/claude-sonnet-4", "messages": messages},
    )
