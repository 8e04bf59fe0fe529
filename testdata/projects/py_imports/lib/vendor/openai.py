# A project module named like an installed package: inside this package, `import openai`
# still means the package, because a package directory is never on `sys.path`.
def OpenAI(**kwargs):
    return None
