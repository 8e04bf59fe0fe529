from openai import OpenAI

OPENROUTER = "https://openrouter.ai/api/v1"


def get_client(use_openai=False):
    if use_openai:
        return OpenAI()
    return OpenAI(base_url=OPENROUTER)


# Every call omits the flag: its default decides the branch.
client = get_client()
client.chat.completions.create(model="openai/gpt-4o", messages=[])  # expect: OR003, OR005

# Negative: the flag takes the other branch.
direct = get_client(use_openai=True)
direct.chat.completions.create(model="gpt-4o", messages=[])


def any_client(name):
    if name == "openai":
        return OpenAI()
    return OpenAI(base_url=OPENROUTER)


# The condition is decided at run time: one of two clients, one of them OpenRouter's.
maybe = any_client(input())
maybe.chat.completions.create(model="openai/gpt-4o", messages=[])  # expect: OR003, OR005


def pinned_or_not(name):
    if name:
        return OpenAI(base_url=OPENROUTER)
    return unknown_client()


# One alternative is unknown: no routing rule judges it.
mixed = pinned_or_not(input())
mixed.chat.completions.create(model="openai/gpt-4o", messages=[])  # expect: OR005
