import OpenAI from "openai";

export const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });
