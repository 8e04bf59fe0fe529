// openai-node pointed at OpenRouter: OpenRouter fields go in the body object.
import OpenAI from "openai";

const OPENROUTER_BASE = process.env.OPENROUTER_BASE_URL ?? "https://openrouter.ai/api/v1";
const client = new OpenAI({ baseURL: OPENROUTER_BASE, apiKey: process.env.OPENROUTER_API_KEY });
const byKey = new OpenAI({ apiKey: process.env.OPENROUTER_API_KEY });
const regional = new OpenAI({ baseURL: `https://us.openrouter.ai/api/v1` });

const pinned = { order: ["anthropic"], allow_fallbacks: false } as const;

export async function shapes(messages: any[]) {
  await client.chat.completions.create({ model: "openai/gpt-4o", messages }); // expect: OR003
  await client.responses.create({ model: "openai/gpt-4o", input: "hi" }); // expect: OR003
  await client.completions.create({ model: "m", prompt: "hi" }); // expect: OR003
  await client.chat.completions.stream({ model: "m", messages }); // expect: OR003
  await client.beta.chat.completions.parse({ model: "m", messages }); // expect: OR003
  await client.withOptions({ timeout: 5 }).chat.completions.create({ model: "m", messages }); // expect: OR003
  await byKey.chat.completions.create({ model: "m", messages }); // expect: OR003
  await regional.chat.completions.create({ model: "m", messages }); // expect: OR003
}

export async function preferences(messages: any[]) {
  await client.chat.completions.create({ model: "m", messages, provider: pinned });
  await client.chat.completions.create({
    model: "m",
    messages,
    // @ts-expect-error OpenRouter-only field
    provider: { order: ["anthropic"] }, // expect: OR002
  });
  const body = { model: "m", messages, provider: { only: ["openai"] } } satisfies Record<string, unknown>;
  await client.chat.completions.create(body);
  const withSpread = { ...body, provider: { ...pinned, zdr: true } };
  await client.chat.completions.create(withSpread);
  await client.chat.completions.create({
    model: "m",
    messages,
    provider: { order: ["a"], allowFallbacks: false }, // expect: OR010, OR002
  });
  await client.chat.completions.create({ model: "m", messages, provider: { providers: ["a"] } }); // expect: OR010
}

class Service {
  private client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });
  private other: OpenAI;

  constructor() {
    this.other = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });
  }

  async run(messages: any[]) {
    await this.client.chat.completions.create({ model: "m", messages }); // expect: OR003
    await this.other.chat.completions.create({ model: "m", messages }); // expect: OR003
  }
}

export async function unknowns(messages: any[], options: any, provider: any) {
  await client.chat.completions.create(options);
  await client.chat.completions.create({ model: "m", messages, ...options });
  await client.chat.completions.create({ model: "m", messages, provider });
  await getClient().chat.completions.create({ model: "m", messages });
}
