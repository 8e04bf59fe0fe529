"""pydantic-ai: the agent bound to an OpenRouter model is the site."""
from pydantic_ai import Agent
from pydantic_ai.models.openai import OpenAIModel
from pydantic_ai.models.openrouter import OpenRouterModel, OpenRouterModelSettings
from pydantic_ai.providers.openrouter import OpenRouterProvider

by_name = Agent("openrouter:anthropic/claude-sonnet-4")  # expect: OR003
model = OpenRouterModel("anthropic/claude-sonnet-4", provider=OpenRouterProvider(api_key="x"))
by_model = Agent(model)  # expect: OR003
settings = OpenRouterModelSettings(openrouter_provider={"order": ["anthropic"], "allow_fallbacks": False})
pinned = Agent(model, model_settings=settings)
loose = Agent(
    "openrouter:openai/gpt-4o",
    model_settings=OpenRouterModelSettings(openrouter_provider={"order": ["openai"]}),  # expect: OR002
)
older = Agent(OpenAIModel("openai/gpt-4o", base_url="https://openrouter.ai/api/v1"))  # expect: OR003
not_openrouter = Agent("openai:gpt-4o")
