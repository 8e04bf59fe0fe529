const key = "{{KEY}}"; // orlint: ignore[OR001] -- fixture
// orlint: ignore[OR001]
const above = "{{KEY}}";
/* orlint: ignore[OR001] -- block comments work too */
const block = "{{KEY}}";
const wrong = "{{KEY}}"; // orlint: ignore[OR003]  expect: OR001, OR100
const inString = "// orlint: ignore {{KEY}}"; // expect: OR001
