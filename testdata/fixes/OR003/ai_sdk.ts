import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateObject, generateText } from "ai";

const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function noOptions(prompt: string) {
  return generateText({ model: openrouter("anthropic/claude-sonnet-4"), prompt });
}

export async function otherProviderOptions(prompt: string) {
  return generateObject({
    model: openrouter("anthropic/claude-sonnet-4"),
    output: "no-schema",
    prompt,
    providerOptions: {
      anthropic: { cacheControl: { type: "ephemeral" } },
    },
  });
}

export async function openrouterOptions(prompt: string) {
  return generateText({
    model: openrouter("anthropic/claude-sonnet-4"),
    prompt,
    providerOptions: { openrouter: { reasoning: { effort: "low" } } },
  });
}

export async function valueOnItsOwnLine(items: string[]) {
  const { text } = await generateText({
    model: openrouter("anthropic/claude-sonnet-4"),
    prompt:
      `Explain these operations: \n` +
      `Items: [${items}]`,
  });
  return text;
}
