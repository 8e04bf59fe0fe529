import logging
import os
import sys
import warnings
from pprint import pprint

from rich import print as rprint

from openai import OpenAI

logger = logging.getLogger(__name__)

OPENROUTER_API_KEY = os.getenv("OPENROUTER_API_KEY")
print(f"OpenRouter key: {OPENROUTER_API_KEY[:8]}...")  # expect: OR008
print(f"key set: {bool(OPENROUTER_API_KEY)}")
print(f"key length: {len(OPENROUTER_API_KEY)}")
print(f"masked: {OPENROUTER_API_KEY[:4]}…")
print("OpenRouter key:", "set" if OPENROUTER_API_KEY else "missing")
print(f"starts well: {OPENROUTER_API_KEY.startswith('sk-or-')}")

# Through two local variables.
key = os.environ["OPENROUTER_API_KEY"]
copy = key
again = copy.strip()
logger.debug("using key %s", again)  # expect: OR008
logging.info("key=" + key[:10])  # expect: OR008
sys.stderr.write("key: %s\n" % key)  # expect: OR008
logging.getLogger(__name__).warning("key {}".format(key))  # expect: OR008
print(f"{key[:4]}…{key[-4:]}")
print(key[:4] + "…")
with open(".env.generated", "w") as env_file:
    print(f"OPENROUTER_API_KEY={key}", file=env_file)
print("key", key, file=sys.stderr)  # expect: OR008
# Seen in public code: a prefix behind a presence check is still a prefix.
print(f"API Key starts with: {key[:10] if key else 'None'}...")  # expect: OR008
warnings.warn(f"falling back to key {key}")  # expect: OR008
rprint("[bold]key[/]", key[:12])  # expect: OR008


class Gateway:
    def __init__(self, api_key=None):
        # Through a `self` attribute.
        self.api_key = api_key or os.getenv("OPENROUTER_API_KEY")
        self.client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=self.api_key)

    def describe(self):
        self.log.info("gateway key %s", self.api_key)  # expect: OR008
        logger.info("gateway ready: %s", self.api_key is not None)
        logger.info("client key %s", self.client.api_key)  # expect: OR008


# A headers dict logged whole.
headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
logger.info(headers)  # expect: OR008
pprint(headers)  # expect: OR008
logger.info("content type %s", headers["Content-Type"])

model = "anthropic/claude-3.5-sonnet"
print(model)
print(repr(key))  # expect: OR008


def mask(secret):
    return secret[:4] + "…"


print("masked", mask(key))

# OPENAI_API_KEY is the key where it is given to an OpenRouter client.
openai_key = os.environ["OPENAI_API_KEY"]
repointed = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=openai_key)
print("openai key:", openai_key)  # expect: OR008
stripe = os.environ["STRIPE_API_KEY"]
print("stripe key:", stripe)
