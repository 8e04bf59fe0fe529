"""A model id counts where it chooses a model (OR004 free, OR007 not allowed)."""
import os
import random

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

# Counts: values kept under a name that says it is the model choice.
DEFAULT_MODEL = "meta-llama/llama-3.3-70b-instruct:free"  # expect: OR004, OR007
FALLBACK_MODELS = ("qwen/qwen3-coder:free", "anthropic/claude-sonnet-4")  # expect: OR004, OR007
SUMMARY_MODEL = os.getenv("SUMMARY_MODEL", "google/gemma-3-27b-it:free")  # expect: OR004, OR007
ROUTED_MODELS = os.environ.get("ROUTED_MODELS", "mistralai/mistral-7b-instruct:free,openai/gpt-4o")  # expect: OR004, OR007
CHEAP = "x-ai/grok-3-mini"  # expect: OR007
MODEL_TABLE = {"fast": "z-ai/glm-4.5-air:free", "smart": "anthropic/claude-sonnet-4"}  # expect: OR004, OR007
FREE_MODELS = [
    {"id": "mistralai/mistral-small-3.2-24b-instruct:free", "name": "Mistral Small (free)"},  # expect: OR004, OR007
]
TRIAGE_MODEL = os.getenv("TRIAGE_MODEL") or CHEAP  # the value flows from CHEAP's line

# Does not count: collections whose name says the model is excluded.
DIRECT_UPLOAD_BLOCKLIST = frozenset({"meta-llama/llama-3.3-70b-instruct:free", "x-ai/grok-4"})
DENIED_MODELS = ["deepseek/deepseek-chat-v3.1:free"]
NOT_A_MODEL = "docs/pricing:free"
# Does not count: what models can do (looked up, not called), catalogue records, placeholders.
VISION_CAPABLE_MODELS = ("google/gemma-3-27b-it:free",)
MOCK_MODELS_RESPONSE = {"data": [{"id": "qwen/qwen3-coder:free", "name": "Qwen3 Coder"}]}
PLACEHOLDER_MODEL = "test/model:free"


class Settings:
    model: str = "deepseek/deepseek-r1:free"  # expect: OR004, OR007
    timeout = 30


def triage_model(urgent):
    model = "x-ai/grok-4-fast:free" if urgent else "anthropic/claude-3.5-haiku"  # expect: OR004, OR007
    return model


def pick():
    model_id = random.choice(["nousresearch/hermes-3-llama-3.1-405b:free", "anthropic/claude-3.5-haiku"])  # expect: OR004, OR007
    return model_id


def summarise(text, model=DEFAULT_MODEL):
    # The request's model is DEFAULT_MODEL's literal: one finding, where it is written.
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])


def test_review():
    # A placeholder where a test needs some model: no provider serves it.
    return client.chat.completions.create(model="example/model", messages=[])


def review(text):
    return client.chat.completions.create(model="x-ai/grok-4", messages=[{"role": "user", "content": text}])  # expect: OR007


# Does not count: comparisons, membership tests, suffix tests, assertions.
def is_free(model):
    return model.endswith(":free") or model == "openrouter/free"


def is_blocked(model):
    return model in ("meta-llama/llama-3.3-70b-instruct:free", "qwen/qwen3-coder:free")


def test_normalise():
    assert normalise("qwen/qwen3-coder") == "qwen/qwen3-coder:free"


# Does not count: arguments of functions that are not requests.
capable = is_zdr_capable("google/gemma-3-27b-it:free")
price = lookup_price("openai/gpt-oss-20b:free")

# Does not count: responses and stored messages; the request body next to them does.
recorded = {"id": "gen-1", "model": "openai/gpt-oss-20b:free", "choices": [], "usage": {}}
row = {"role": "assistant", "content": "hi", "model": "z-ai/glm-4.5-air:free"}
body = {"model": "openai/gpt-oss-20b:free", "messages": []}  # expect: OR004, OR007


def normalise(model):
    return model


def is_zdr_capable(model):
    return False


def lookup_price(model):
    return 0
