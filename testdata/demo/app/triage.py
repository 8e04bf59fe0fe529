"""Routes tickets to a queue. Nothing here mentions OpenRouter: the request goes through the
audit wrapper in gateway.py, and orlint follows it there."""
from .gateway import audited_post


def triage(ticket: str) -> str:
    # Audited, but the body pins no providers: any provider may serve it.
    response = audited_post(
        {"model": "anthropic/claude-sonnet-4", "messages": [{"role": "user", "content": ticket}]}
    )
    return response.json()["choices"][0]["message"]["content"]
