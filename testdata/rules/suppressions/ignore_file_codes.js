// orlint: ignore-file[OR003]
// Only OR003 is suppressed for the file, so the key is still reported.
const key = "{{KEY}}"; // expect: OR001
