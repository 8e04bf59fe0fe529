"""openai>=1.0's module-level client pointed at OpenRouter."""
import openai as oa

oa.base_url = "https://openrouter.ai/api/v1"
oa.chat.completions.create(model="openai/gpt-4o", messages=[])  # expect: OR003
