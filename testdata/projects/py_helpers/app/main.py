from openai import OpenAI

from .llm import OPENROUTER, Gateway, chat

router = OpenAI(base_url=OPENROUTER)

chat(router, [], temperature=0)  # expect: OR003 -> app/llm.py:10, OR005 -> app/llm.py:10
chat(router, [], extra_body={"provider": {"only": ["anthropic"]}})  # expect: OR005 -> app/llm.py:10
chat(OpenAI(), [])

gateway = Gateway()
gateway.complete({"model": "m", "messages": []})  # expect: OR003 -> app/llm.py:34
Gateway("https://api.example.com/v1").complete({"model": "m", "messages": []})
