"""OR005 with custom wrappers: `llm_gateway*` and `*Gateway`."""
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def llm_gateway_complete(**kwargs):
    return client.chat.completions.create(**kwargs)


class PaymentsGateway:
    def run(self, **kwargs):
        return client.chat.completions.create(**kwargs)


def audited(**kwargs):
    # `*audit*` is only the default: this project configured its own wrappers.
    return client.chat.completions.create(**kwargs)  # expect: OR005
