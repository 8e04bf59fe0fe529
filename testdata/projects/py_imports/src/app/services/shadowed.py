from openai import OpenAI

from app import llm


def local(question):
    # A local of the same name hides the import.
    llm = OpenAI()
    return llm.chat.completions.create(model="gpt-4o", messages=[])
