// Nothing here shows OpenRouter. (The word openrouter appears, so the file is parsed.)
import OpenAI from "openai";

const client = new OpenAI();
await client.chat.completions.create({ model: "gpt-4o", messages: [] });
const settings = { provider: { order: ["aws"] } };
await fetch("https://api.example.com/chat/completions", { method: "POST", body: JSON.stringify(settings) });

export function helper(client: OpenAI) {
  return client.chat.completions.create({ model: "m", messages: [] });
}

// A local helper that happens to be called `openrouter`: not the AI SDK provider.
function openrouter(id: string) {
  return { id: `openrouter/${id}`, apiKey: process.env.OPENROUTER_API_KEY };
}
import { generateText } from "ai";
export const reply = () => generateText({ model: openrouter("openai/gpt-4o"), prompt: "hi" });
