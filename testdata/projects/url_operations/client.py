import os
from urllib.parse import urljoin

import requests

BASE = os.getenv("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1/")
BODY = {"model": "openai/gpt-4o", "messages": []}

requests.post(BASE.rstrip("/") + "/chat/completions", json=BODY)  # expect: OR003
requests.post(urljoin(BASE, "chat/completions"), json=BODY)  # expect: OR003
requests.post(os.path.join(BASE.removesuffix("/"), "chat/completions"), json=BODY)  # expect: OR003
requests.post(f"{BASE.strip()}chat/completions", json=BODY)  # expect: OR003

# Negatives: another host, and an absolute reference that replaces the base's host.
OTHER = "https://api.openai.com/v1/"
requests.post(urljoin(OTHER, "chat/completions"), json=BODY)
requests.post(urljoin(BASE, "https://api.openai.com/v1/chat/completions"), json=BODY)
