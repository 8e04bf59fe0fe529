"""A directive sharing its comment with other tools' text, and a missing reason: left alone."""
BASE = "https://openrouter.ai/api/v1"
URL = BASE + "/chat"  # noqa: E501 orlint: ignore[OR003]
