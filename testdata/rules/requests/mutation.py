"""Objects changed after they are built: what is sent is not what the literal shows."""
from openai import OpenAI

import requests

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def maybe_pinned(messages, pin):
    params = {"model": "m", "messages": messages}
    if pin:
        params["extra_body"] = {"provider": {"only": ["anthropic"]}}
    return client.chat.completions.create(**params)


def updated(messages, extra):
    body = {"model": "m", "messages": messages}
    body.update(extra)
    return requests.post("https://openrouter.ai/api/v1/chat/completions", json=body)


def untouched(messages):
    params = {"model": "m", "messages": messages}
    return client.chat.completions.create(**params)  # expect: OR003


URL = "https://openrouter.ai/api/v1/chat/completions"


def extra_keys(messages):
    # Writes to keys other than `provider` leave the preferences as the literal shows them.
    body = {"model": "m", "messages": messages}
    body["temperature"] = 0
    body.update({"stream": True})
    body.setdefault("max_tokens", 100)
    body |= {"top_p": 1}
    return requests.post(URL, json=body)  # expect: OR003


def provider_written(messages):
    body = {"model": "m", "messages": messages}
    body["provider"] = {"order": ["anthropic"]}  # expect: OR002
    return requests.post(URL, json=body)


def provider_pinned_in_place(messages):
    body = {"model": "m", "messages": messages, "provider": {"order": ["anthropic"]}}
    body["provider"]["allow_fallbacks"] = False
    return requests.post(URL, json=body)


def provider_unknown(messages, prefs):
    body = {"model": "m", "messages": messages}
    body["provider"] = prefs
    return requests.post(URL, json=body)


def provider_deleted(messages):
    body = {"model": "m", "messages": messages, "provider": {"only": ["anthropic"]}}
    del body["provider"]
    return requests.post(URL, json=body)


def written_after_the_request(messages):
    body = {"model": "m", "messages": messages}
    response = requests.post(URL, json=body)  # expect: OR003
    body["provider"] = {"only": ["anthropic"]}
    return response


def written_in_a_closure(messages):
    body = {"model": "m", "messages": messages}

    def pin():
        body["provider"] = {"only": ["anthropic"]}

    pin()
    return requests.post(URL, json=body)
