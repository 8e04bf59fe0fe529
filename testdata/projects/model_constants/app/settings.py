"""Model choices, kept in one place."""
DEFAULT_MODEL = "meta-llama/llama-3.3-70b-instruct:free"  # expect: OR004, OR007
CHEAP = "qwen/qwen3-coder:free"
REVIEWED = "anthropic/claude-sonnet-4"
