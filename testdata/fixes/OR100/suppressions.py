import os

KEY = os.environ["OPENROUTER_API_KEY"]  # orlint: ignore[OR001]
# orlint: ignore[OR002, OR999]
BASE = "https://openrouter.ai/api/v1"

from openai import OpenAI

client = OpenAI(base_url=BASE, api_key=KEY)
client.chat.completions.create(model="m", messages=[])  # orlint: ignore[OR003, OR002] -- routing set in the OpenRouter dashboard
