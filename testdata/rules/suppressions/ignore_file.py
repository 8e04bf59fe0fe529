# Generated test data.
# orlint: ignore-file -- fixtures for the billing integration tests
KEY = "{{KEY}}"
OTHER = "{{KEY2}}"
