"""OR100 with `require-suppression-reason = true`."""
KEY = "{{KEY}}"  # orlint: ignore[OR001]  expect: OR100
KEY2 = "{{KEY2}}"  # orlint: ignore[OR001] -- a revoked key kept for a regression test
