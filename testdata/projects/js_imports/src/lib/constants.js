export const OPENROUTER_API_URL = "https://openrouter.ai/api/v1/chat/completions";
export const OPENROUTER_BASE = "https://openrouter.ai/api/v1";
