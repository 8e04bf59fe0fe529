"""Raw HTTP with requests, httpx and aiohttp."""
import json
import os

import aiohttp
import httpx
import requests

OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions"
BASE = os.getenv("OPENROUTER_API_BASE", "https://openrouter.ai/api/v1")
HEADERS = {"Authorization": f"Bearer {os.environ['OPENROUTER_API_KEY']}"}


def with_requests(messages):
    requests.post(OPENROUTER_URL, headers=HEADERS, json={"model": "m", "messages": messages})  # expect: OR003
    requests.post(
        f"{BASE}/chat/completions",
        headers=HEADERS,
        json={"model": "m", "messages": messages, "provider": {"order": ["openai"]}},  # expect: OR002
    )
    body = {"model": "m", "messages": messages, "provider": {"only": ["openai"]}}
    requests.post(OPENROUTER_URL, headers=HEADERS, data=json.dumps(body))
    requests.request("POST", "https://openrouter.ai/api/v1/responses", json={"model": "m", "input": "x"})  # expect: OR003
    requests.post(OPENROUTER_URL, json={"model": "m", "provider": {"order": ["a"], "allowFallbacks": False}})  # expect: OR010, OR002
    # Not inference routes, not OpenRouter, or not a POST.
    requests.get("https://openrouter.ai/api/v1/models")
    requests.post("https://api.openai.com/v1/chat/completions", json={"model": "gpt-4o"})
    requests.post("https://openrouter.ai/api/v1/keys", json={"name": "ci"})


def with_httpx(messages):
    httpx.post(OPENROUTER_URL, json={"model": "m", "messages": messages})  # expect: OR003
    with httpx.Client(base_url="https://openrouter.ai/api/v1") as http:
        http.post("/chat/completions", json={"model": "m", "messages": messages})  # expect: OR003
        # Embeddings send the text to a provider too, routed by `provider`.
        http.post("/embeddings", json={"model": "m", "input": "x"})  # expect: OR003


async def with_clients(messages):
    async with httpx.AsyncClient() as http:
        await http.post(OPENROUTER_URL, json={"model": "m", "messages": messages})  # expect: OR003
    async with aiohttp.ClientSession() as session:
        await session.post(OPENROUTER_URL, json={"model": "m", "messages": messages, "provider": {"order": ["x"], "allow_fallbacks": False}})
        await session.post(OPENROUTER_URL, json=messages)
