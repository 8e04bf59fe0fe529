from .client import client


def again(messages):
    # Inside an installed package, imports are not followed.
    return client.chat.completions.create(model="m", messages=messages)
