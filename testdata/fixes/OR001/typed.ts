import OpenAI from "openai";

// The replacement keeps the type a string, and takes `as const` (which an environment read
// cannot have) with the literal.
const OPENROUTER_API_KEY = "{{KEY}}" as const;
const OPENROUTER_KEY: string = "{{KEY2}}" satisfies string;

export const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: OPENROUTER_API_KEY });
export const key: string = OPENROUTER_KEY;
