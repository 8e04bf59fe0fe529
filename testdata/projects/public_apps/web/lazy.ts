import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";

// A client created on first use: it starts out null, and is the client it becomes.
let client: ReturnType<typeof createOpenRouter> | null = null;

function getClient() {
  if (!client) {
    client = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
  }
  return client;
}

export async function answer(prompt: string, options?: { model: string } | string) {
  const settings = typeof options === "string" ? { model: options } : options ?? { model: "openai/gpt-4o" };
  const openrouter = getClient();
  return generateText({ model: openrouter(settings.model), prompt }); // expect: OR003, OR005
}

export function check() {
  if (!import.meta.env.VITE_OPENROUTER_API_KEY) { // expect: OR011
    throw new Error("VITE_OPENROUTER_API_KEY is missing: set it in .env.local");
  }
}
