import { fetchFromOpenRouter, callOpenRouter, auditedCompletion } from "../lib/openrouter";

export async function composed(messages: unknown[], key: string) {
  await fetchFromOpenRouter("/chat/completions", key, { // expect: OR005 -> lib/http.ts:5
    method: "POST",
    body: JSON.stringify({ model: "m", messages, provider: { order: ["openai"] } }), // expect: OR002 -> lib/http.ts:5
  });
  await fetchFromOpenRouter("/models", key, { method: "GET" });
  // Judged where it is made, in lib/openrouter.ts.
  await callOpenRouter(messages);
  // Through the audit wrapper: no OR005; its preferences come from here.
  return auditedCompletion({ model: "m", messages }); // expect: OR003 -> lib/openrouter.ts:23
}
