from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def ask(prompt):
    return client.chat.completions.create(model="openai/gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: OR003, OR005
