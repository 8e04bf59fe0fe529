import { createOpenRouter } from "@openrouter/ai-sdk-provider";

export const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export const MODELS = { chat: "anthropic/claude-3.5-sonnet", cheap: "openai/gpt-4o-mini" };
