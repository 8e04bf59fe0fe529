# What a model-named function returns is offered to users, as a model-named constant is.
def free_models():
    return ["meta-llama/llama-3.3-70b-instruct:free", "openai/gpt-4o"]  # expect: OR004, OR007


# A deny list excludes what it lists; a context that happens to be named `banned…` does not.
BANNED_MODELS = ["deepseek/deepseek-r1:free"]
bannedUserContext = {"model": "qwen/qwen-2.5-72b-instruct:free"}  # expect: OR004, OR007
