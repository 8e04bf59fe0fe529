// OR100 in TypeScript.
const model = "anthropic/claude-sonnet-4"; // orlint: ignore[OR002]  expect: OR100
/* orlint: ignore[OR001, OR010] */ const key = "{{KEY}}"; // expect: OR100
