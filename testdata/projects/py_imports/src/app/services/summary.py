from app import llm
from app.core.config import ROUTING, settings


def summarise(text):
    return llm.chat.completions.create(model=settings.default_model, messages=[{"role": "user", "content": text}])  # expect: OR003, OR005


def pinned(text):
    return llm.chat.completions.create(model="m", messages=[], extra_body=ROUTING)  # expect: OR005
