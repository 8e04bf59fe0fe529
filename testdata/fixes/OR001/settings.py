import os
import sys

OPENROUTER_API_KEY = '{{KEY2}}'
DEBUG = "-v" in sys.argv
BASE_URL = os.getenv("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1")
