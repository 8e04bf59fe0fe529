import { OpenRouter } from "@openrouter/sdk";

const client = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export const invoice = (messages: any[]) =>
  client.chat.send({
    model: "anthropic/claude-sonnet-4",
    messages,
    provider: {
      only: ["anthropic"],
    },
  });
