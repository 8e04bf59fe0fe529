import os

# Python is not bundled into browser code: a public prefix here exposes nothing.
key = os.environ.get("NEXT_PUBLIC_OPENROUTER_API_KEY")
