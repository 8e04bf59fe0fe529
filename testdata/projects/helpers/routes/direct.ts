import { fetchTextWithTimeout } from "../lib/http";

export async function direct(messages: unknown[]) {
  return fetchTextWithTimeout("https://openrouter.ai/api/v1/chat/completions", { // expect: OR003 -> lib/http.ts:5, OR005 -> lib/http.ts:5
    method: "POST",
    body: JSON.stringify({ model: "openai/gpt-4o", messages }),
  });
}

export async function elsewhere(messages: unknown[]) {
  // The same helper, called with another URL: not an OpenRouter request.
  return fetchTextWithTimeout("https://api.example.com/v1/chat/completions", {
    method: "POST",
    body: JSON.stringify({ model: "gpt-4o", messages }),
  });
}
