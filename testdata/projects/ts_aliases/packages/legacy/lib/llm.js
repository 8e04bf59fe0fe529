export const OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions";
