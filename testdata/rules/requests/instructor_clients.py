"""instructor: `from_provider("openrouter/…")`, or a wrapped OpenRouter client."""
import instructor
from openai import OpenAI

client = instructor.from_provider("openrouter/openai/gpt-4o")
wrapped = instructor.from_openai(OpenAI(base_url="https://openrouter.ai/api/v1"))
plain = instructor.from_provider("openai/gpt-4o")

client.create(messages=[], response_model=dict)  # expect: OR003
client.chat.completions.create(messages=[], response_model=dict, extra_body={"provider": {"only": ["openai"]}})
wrapped.chat.completions.create(model="m", messages=[], response_model=dict)  # expect: OR003
wrapped.chat.completions.create(model="m", messages=[], provider={"only": ["openai"]})  # expect: OR010
plain.create(messages=[], response_model=dict)
