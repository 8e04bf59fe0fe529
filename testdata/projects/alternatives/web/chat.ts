import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.OPENROUTER_API_KEY,
});

export async function chat(stream: boolean, tools?: unknown[]) {
  // Conditional spreads add `stream` and `tools`; `provider` is absent in every alternative.
  return client.chat.completions.create({ // expect: OR003, OR005
    model: "openai/gpt-4o",
    messages: [],
    ...(stream ? { stream: true } : {}),
    ...(tools && { tools }),
  });
}

export async function pinned(stream: boolean) {
  return client.chat.completions.create({ // expect: OR005
    model: "openai/gpt-4o",
    messages: [],
    provider: { order: ["openai"], allow_fallbacks: false },
    ...(stream ? { stream: true } : {}),
  });
}

export async function fallbacksOn(stream: boolean) {
  return client.chat.completions.create({ // expect: OR005
    model: "openai/gpt-4o",
    messages: [],
    provider: { order: ["openai"] }, // expect: OR002
    ...(stream ? { stream: true } : {}),
  });
}

export async function switched(kind: string) {
  let base: string;
  switch (kind) {
    case "openrouter":
      base = "https://openrouter.ai/api/v1";
      break;
    default:
      base = "https://api.openai.com/v1";
  }
  const c = new OpenAI({ baseURL: base });
  return c.chat.completions.create({ model: "openai/gpt-4o", messages: [] }); // expect: OR003, OR005
}

export async function ternary(useOpenRouter: boolean) {
  const c = new OpenAI({
    baseURL: useOpenRouter ? "https://openrouter.ai/api/v1" : undefined,
  });
  return c.chat.completions.create({ model: "openai/gpt-4o", messages: [] }); // expect: OR003, OR005
}

// Negative: the ternary replaces the host in both alternatives.
export async function neither(eu: boolean) {
  const c = new OpenAI({
    baseURL: eu ? "https://eu.api.openai.com/v1" : "https://api.openai.com/v1",
  });
  return c.chat.completions.create({ model: "gpt-4o", messages: [] });
}
