from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")
