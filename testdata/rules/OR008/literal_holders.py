import logging

from openai import OpenAI

logger = logging.getLogger(__name__)

API_KEY = "{{KEY}}"  # expect: OR001
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=API_KEY)
print("using", API_KEY)  # expect: OR008


class Conf:
    token = "{{KEY}}"  # expect: OR001


logger.info("token %s", Conf.token)  # expect: OR008
print(Conf().token)  # expect: OR008
# Not the key: its length, and another literal.
print(len(API_KEY))
OTHER = "not-a-key"
print(OTHER)
