DEFAULT_KEY: str = "{{KEY}}"  # expect: OR001
