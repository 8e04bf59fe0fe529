"""OR005 with the default wrappers pattern `*audit*` (case-insensitive)."""
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")

client.chat.completions.create(model="m", messages=[])  # expect: OR005


def summarise(text):
    return client.chat.completions.create(model="m", messages=[])  # expect: OR005


def audited_completion(**kwargs):
    return client.chat.completions.create(**kwargs)


def audited_stream(**kwargs):
    def inner():
        # Lexically inside the wrapper, even if nested.
        return client.chat.completions.stream(**kwargs)

    return inner()


class AuditLogger:
    def call(self, **kwargs):
        return client.chat.completions.create(**kwargs)


class Reports:
    def write_AUDIT_entry(self):
        return client.responses.create(model="m", input="x")

    def summary(self):
        return client.responses.create(model="m", input="x")  # expect: OR005
