import requests

from b import BASE

URL = BASE + "/chat/completions"


def send(messages):
    return requests.post(URL, json={"model": "m", "messages": messages})  # expect: OR003, OR005
