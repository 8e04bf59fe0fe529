import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";

const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function stray(prompt: string) {
  return generateText({
    model: openrouter("anthropic/claude-sonnet-4"),
    prompt,
    providerOptions: { openrouter: { only: ["anthropic"], reasoning: { effort: "low" } } },
  });
}

export async function strayBesideProvider(prompt: string) {
  return generateText({
    model: openrouter("anthropic/claude-sonnet-4"),
    prompt,
    providerOptions: {
      openrouter: {
        provider: { only: ["anthropic"] },
        allow_fallbacks: false,
      },
    },
  });
}

export async function camelInFetch(messages: unknown[]) {
  await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    body: JSON.stringify({ model: "m", messages, provider: { only: ["a"], allowFallbacks: false } }),
  });
}
