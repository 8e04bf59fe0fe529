export const key = "{{KEY}}"; // expect: OR001
