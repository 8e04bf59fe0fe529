export const OPENROUTER_URL = "https://openrouter.ai/api/v1";
export const OPENROUTER_DEFAULT_MODEL = "mistralai/mistral-7b-instruct:free"; // expect: OR004, OR007
