import os

from langchain_openai import ChatOpenAI
from openai import OpenAI

OPENROUTER = "https://openrouter.ai/api/v1"


class ChatOpenRouter(ChatOpenAI):
    def __init__(self, **kwargs):
        # The construction itself is judged here (its `kwargs` come from each call).
        super().__init__(base_url=OPENROUTER, api_key=os.getenv("OPENROUTER_API_KEY"), **kwargs)  # expect: OR005


# Each instance adds what its arguments send.
llm = ChatOpenRouter(model="openai/gpt-4o")  # expect: OR003 -> models.py:12


class Base:
    def __init__(self, base_url):
        self.base_url = base_url


class Service(Base):
    def __init__(self):
        super().__init__(OPENROUTER)

    def client(self):
        return OpenAI(base_url=self.base_url)

    def ask(self):
        return self.client().chat.completions.create(model="openai/gpt-4o", messages=[])  # expect: OR003, OR005


class RouterClient(OpenAI):
    def __init__(self):
        super().__init__(base_url=OPENROUTER)


RouterClient().chat.completions.create(model="openai/gpt-4o", messages=[])  # expect: OR003, OR005


# Negatives: a subclass of the plain client, and of an unrelated class.
class Direct(OpenAI):
    pass


Direct().chat.completions.create(model="gpt-4o", messages=[])


class Config(dict):
    def __init__(self):
        super().__init__(base_url=OPENROUTER)


Config().get("base_url")
