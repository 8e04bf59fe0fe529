import app.client
import app.core.config as configuration


def via_package(question):
    return app.client.llm.chat.completions.create(model="m", messages=[], extra_body=configuration.ROUTING)  # expect: OR005
