# Parameters annotated with a project class (its fields as their defaults give them) or a
# known HTTP client type; a nested settings class read through `self`.
import aiohttp
import httpx
from pydantic import BaseModel


class Pipe:
    class Valves(BaseModel):
        OPENROUTER_API_BASE_URL: str = "https://openrouter.ai/api/v1"

    def __init__(self):
        self.valves = self.Valves()

    async def pipe(self, body: dict):
        url = f"{self.valves.OPENROUTER_API_BASE_URL}/chat/completions"
        async with httpx.AsyncClient() as c:
            return await c.post(url, json=body)  # expect: OR005


class Settings(BaseModel):
    api_url: str = "https://openrouter.ai/api/v1"


async def ask(session: aiohttp.ClientSession, settings: Settings, prompt: str):
    return await session.post(f"{settings.api_url}/chat/completions", json={"model": "a/b", "messages": []})  # expect: OR003, OR005


# Negative: an HTTP client of a known type posting elsewhere.
async def other(session: aiohttp.ClientSession):
    return await session.post("https://example.com/chat/completions", json={})


def valves_param(valves: Pipe.Valves, client: httpx.Client):
    return client.post(valves.OPENROUTER_API_BASE_URL + "/chat/completions", json={"model": "a/b"})  # expect: OR003, OR005
