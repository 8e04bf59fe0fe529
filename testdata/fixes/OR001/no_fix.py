"""Keys the fix leaves to a person: split across literals, inside a header value."""
import requests

SPLIT = "sk-or-v1-" "{{HEX}}"
requests.post(
    "https://openrouter.ai/api/v1/chat/completions",
    headers={"Authorization": "Bearer {{KEY2}}"},
    json={"model": "m", "messages": []},
)
