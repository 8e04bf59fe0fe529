"""The audit wrapper: every LLM request is logged here; callers supply the body."""
import logging

import requests

from .settings import OPENROUTER_API_KEY, OPENROUTER_BASE_URL

log = logging.getLogger(__name__)


def audited_post(body: dict):
    log.info("LLM request: model=%s", body.get("model"))
    # Left over from debugging a 401: the key's first characters go into every log line.
    log.debug("auth with key %s...", OPENROUTER_API_KEY[:8])
    headers = {"Authorization": f"Bearer {OPENROUTER_API_KEY}"}
    return requests.post(
        f"{OPENROUTER_BASE_URL}/chat/completions", headers=headers, json=body, timeout=30
    )
