// Objects changed after they are built.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });

export async function maybePinned(messages: any[], pin: boolean) {
  const body: Record<string, unknown> = { model: "m", messages };
  if (pin) body.provider = { only: ["anthropic"] };
  return client.chat.completions.create(body as any);
}

export async function assigned(messages: any[], extra: object) {
  const body = { model: "m", messages };
  Object.assign(body, extra);
  return fetch("https://openrouter.ai/api/v1/chat/completions", { method: "POST", body: JSON.stringify(body) });
}

export async function untouched(messages: any[]) {
  const body = { model: "m", messages };
  return client.chat.completions.create(body); // expect: OR003
}
