from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")
client.chat.completions.create(model="m", messages=[])  # expect: OR003, OR005
