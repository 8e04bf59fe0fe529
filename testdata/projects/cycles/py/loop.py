import requests

from loop2 import NAME as OTHER

NAME = OTHER


def never_resolved(messages):
    # `NAME` and `loop2.NAME` are defined by each other: never a value.
    return requests.post(NAME, json={"model": "m", "messages": messages})
