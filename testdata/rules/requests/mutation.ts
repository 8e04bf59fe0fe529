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

const URL = "https://openrouter.ai/api/v1/chat/completions";

export async function extraKeys(messages: any[]) {
  // Writes to keys other than `provider` leave the preferences as the literal shows them.
  const requestBody: any = { model: "m", messages };
  requestBody.plugins = [{ id: "web" }];
  requestBody["temperature"] = 0;
  Object.assign(requestBody, { stream: true });
  return fetch(URL, { method: "POST", body: JSON.stringify(requestBody) }); // expect: OR003
}

export async function providerWritten(messages: any[]) {
  const body: any = { model: "m", messages };
  body.provider = { order: ["anthropic"], allow_fallbacks: true }; // expect: OR002
  return fetch(URL, { method: "POST", body: JSON.stringify(body) });
}

export async function providerPinnedInPlace(messages: any[]) {
  const body: any = { model: "m", messages, provider: { order: ["anthropic"] } };
  body.provider.allow_fallbacks = false;
  return fetch(URL, { method: "POST", body: JSON.stringify(body) });
}

export async function providerUnknown(messages: any[], prefs: object) {
  const body: any = { model: "m", messages };
  body.provider = prefs;
  return fetch(URL, { method: "POST", body: JSON.stringify(body) });
}

export async function providerDeleted(messages: any[]) {
  const body: any = { model: "m", messages, provider: { only: ["anthropic"] } };
  delete body.provider;
  return fetch(URL, { method: "POST", body: JSON.stringify(body) });
}
