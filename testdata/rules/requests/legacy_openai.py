"""openai<1.0 pointed at OpenRouter through module attributes."""
import openai

openai.api_base = "https://openrouter.ai/api/v1"
openai.api_key = "x"

openai.ChatCompletion.create(model="openai/gpt-4o", messages=[])  # expect: OR003
# Before 1.0, extra keyword arguments went into the body: `provider=` is right here.
openai.ChatCompletion.create(model="m", messages=[], provider={"order": ["openai"], "allow_fallbacks": False})
openai.ChatCompletion.create(model="m", messages=[], provider={"order": ["openai"]})  # expect: OR002
