// Zone services/phi/**: regulated, Anthropic only, Claude models only.
import OpenAI from "openai";
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });
const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function summarise(note: string) {
  await client.chat.completions.create({
    model: "anthropic/claude-sonnet-4",
    messages: [],
    provider: { only: ["Anthropic"], data_collection: "deny" },
  });
  await client.chat.completions.create({
    model: "openai/gpt-4o", // expect: OR007
    messages: [],
    provider: { only: ["openai"], zdr: true }, // expect: OR006
  });
  await generateText({ // expect: OR009
    model: openrouter("anthropic/claude-3.5-haiku:free"), // expect: OR004
    prompt: note,
  });
}
