from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    openrouter_base_url: str = Field("https://openrouter.ai/api/v1", alias="OPENROUTER_BASE_URL")
    openrouter_api_key: str = Field(..., alias="OPENROUTER_API_KEY")
    default_model: str = "anthropic/claude-3.5-sonnet"


settings = Settings()

ROUTING = {"provider": {"only": ["anthropic"]}}
