"""Configuration read from the environment."""
import os

# A stale suppression: the key was moved to the environment, the exception stayed.
OPENROUTER_API_KEY = os.environ["OPENROUTER_API_KEY"]  # orlint: ignore[OR001] -- temporary key
OPENROUTER_BASE_URL = os.getenv("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1")
