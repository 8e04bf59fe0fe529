from openai import AsyncOpenAI

client = AsyncOpenAI(base_url="https://openrouter.ai/api/v1")


async def refresh_models():
    # The catalogue and account routes send no prompt: not requests.
    return await client.models.list()


async def reply(base_url: str, prompt: str):
    # The endpoint is whatever the owner configured at run time: not judged.
    configured = AsyncOpenAI(base_url=base_url)
    return await configured.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])


async def ask(prompt: str):
    return await client.chat.completions.create(model="openai/gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: OR003, OR005
