// Vercel AI SDK with @openrouter/ai-sdk-provider.
import { createOpenRouter, openrouter } from "@openrouter/ai-sdk-provider";
import { generateObject, generateText, streamText } from "ai";
import { createOpenAI } from "@ai-sdk/openai";

const provider = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
const pinnedProvider = createOpenRouter({
  apiKey: process.env.OPENROUTER_API_KEY,
  extraBody: { provider: { order: ["anthropic"], allow_fallbacks: false } },
});
const compatible = createOpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });

export async function calls(prompt: string, schema: any) {
  await generateText({ model: provider("openai/gpt-4o"), prompt }); // expect: OR003
  await streamText({ model: provider.chat("openai/gpt-4o"), prompt }); // expect: OR003
  await generateObject({ model: openrouter("openai/gpt-4o"), schema, prompt }); // expect: OR003
  await generateText({ model: pinnedProvider("openai/gpt-4o"), prompt });
  await generateText({ model: compatible("openai/gpt-4o"), prompt }); // expect: OR003

  // Model settings
  await generateText({ model: provider("m", { provider: { only: ["openai"] } }), prompt });
  await generateText({
    model: provider("m", {
      provider: { order: ["openai"] }, // expect: OR002
    }),
    prompt,
  });
  await generateText({ model: provider("m", { extraBody: { provider: { order: ["a"], allowFallbacks: false } } }), prompt });

  // providerOptions: under `provider`, or misplaced directly under `openrouter`.
  await generateText({
    model: provider("m"),
    prompt,
    providerOptions: { openrouter: { provider: { order: ["anthropic"], allow_fallbacks: false } } },
  });
  await generateText({
    model: provider("m"),
    prompt,
    providerOptions: {
      openrouter: {
        allow_fallbacks: false, // expect: OR010
        order: ["anthropic"], // expect: OR010
      },
    },
  });
}

const model = provider("anthropic/claude-sonnet-4");
const settings = { provider: { order: ["anthropic"] } }; // expect: OR002

export async function resolved(prompt: string, options: any) {
  await generateText({ model, prompt }); // expect: OR003
  await generateText({ model: provider("m", settings), prompt });
  await generateText({ model, prompt, ...options });
  await generateText({ model: pickModel(), prompt });
}
