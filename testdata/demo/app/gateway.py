"""The audit wrapper: every LLM request is logged here; callers supply the body."""
import logging

import requests

from .settings import OPENROUTER_BASE_URL

log = logging.getLogger(__name__)


def audited_post(body: dict):
    log.info("LLM request: model=%s", body.get("model"))
    return requests.post(f"{OPENROUTER_BASE_URL}/chat/completions", json=body, timeout=30)
