import { OpenRouter } from "@openrouter/sdk";

const client = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function ask(messages: any[]) {
  return client.chat.send({
    model: "anthropic/claude-sonnet-4",
    messages,
    provider: { order: ["anthropic"] },
  });
}
