// orlint: ignore-file[OR003]  expect: OR100 (OR003 reports nothing here)
// Only OR003 is suppressed for the file, so the key is still reported.
const key = "{{KEY}}"; // expect: OR001
