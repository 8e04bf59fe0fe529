import { fetchTextWithTimeout } from "./http";

const OPENROUTER_BASE = "https://openrouter.ai/api/v1";

// A helper calling a helper.
export function fetchFromOpenRouter(path: string, key: string, init: RequestInit) {
  return fetchTextWithTimeout(OPENROUTER_BASE + path, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
  });
}

// A helper that builds the whole request itself: its request is the site.
export async function callOpenRouter(messages: unknown[]) {
  return fetch(`${OPENROUTER_BASE}/chat/completions`, { // expect: OR003, OR005
    method: "POST",
    body: JSON.stringify({ model: "openai/gpt-4o", messages }),
  });
}

// A helper that leaves the body to its callers, inside the audit wrapper.
export async function auditedCompletion(body: object) {
  return fetch(`${OPENROUTER_BASE}/chat/completions`, { method: "POST", body: JSON.stringify(body) });
}
