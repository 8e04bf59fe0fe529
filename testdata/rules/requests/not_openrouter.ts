// Nothing here shows OpenRouter. (The word openrouter appears, so the file is parsed.)
import OpenAI from "openai";

const client = new OpenAI();
await client.chat.completions.create({ model: "gpt-4o", messages: [] });
const settings = { provider: { order: ["aws"] } };
await fetch("https://api.example.com/chat/completions", { method: "POST", body: JSON.stringify(settings) });

export function helper(client: OpenAI) {
  return client.chat.completions.create({ model: "m", messages: [] });
}
