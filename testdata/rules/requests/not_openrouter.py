"""Nothing here shows OpenRouter: nothing is a request site (precision first)."""
import os

from openai import OpenAI

client = OpenAI()
client.chat.completions.create(model="gpt-4o", messages=[])

azure = OpenAI(base_url=os.environ["AZURE_OPENAI_ENDPOINT"])
azure.chat.completions.create(model="gpt-4o", messages=[], extra_body={"provider": {"order": ["x"]}})

# A `provider` dict that has nothing to do with OpenRouter.
config = {"provider": {"order": ["aws", "gcp"]}, "region": "eu"}
deploy(provider={"order": ["aws"]})


def helper(client):
    # The client is a parameter: orlint cannot see where it points.
    return client.chat.completions.create(model="m", messages=[])


def test_routing_config():
    # A unit test's expected configuration, not a request. (openrouter)
    expected = {"provider": {"order": ["anthropic"]}}
    assert build_request()["extra_body"] == expected


def completion(model, messages):
    """The project's own function named like LiteLLM's: not a request site."""
    return {"model": model, "messages": messages}


completion(model="openrouter/openai/gpt-4o", messages=[])
