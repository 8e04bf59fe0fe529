from dependency_injector import containers, providers
from langchain_openai import ChatOpenAI


class Container(containers.DeclarativeContainer):
    llm = providers.Singleton(  # expect: OR003, OR005
        ChatOpenAI,
        model="openai/gpt-4o",
        base_url="https://openrouter.ai/api/v1",
    )
    # Negative: the plain OpenAI endpoint.
    direct = providers.Factory(ChatOpenAI, model="gpt-4o")
