// The backend route the web app calls; it talks to OpenRouter with the AI SDK.
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";

const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function auditedSummarise(ticket: string): Promise<string> {
  const { text } = await generateText({
    model: openrouter("openai/gpt-4o"),
    prompt: `Summarise: ${ticket}`,
    // Routing keys directly under `openrouter` are sent where OpenRouter ignores them.
    providerOptions: { openrouter: { only: ["openai", "azure"] } },
  });
  return text;
}
