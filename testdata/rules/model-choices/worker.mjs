// JavaScript: an environment default, split into a fallback list.
const OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions";
const MODELS = (process.env.OPENROUTER_MODELS || "mistralai/mistral-small-3.2-24b-instruct:free,anthropic/claude-3.5-haiku").split(","); // expect: OR004, OR007
const DISALLOWED_MODELS = "mistralai/mistral-small-3.2-24b-instruct:free".split(",");

export async function ask(prompt) {
  const res = await fetch(OPENROUTER_URL, {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` },
    body: JSON.stringify({ models: MODELS, messages: [{ role: "user", content: prompt }] }),
  });
  return res.json();
}

export function usedFreeModel(response) {
  return response.model === "mistralai/mistral-small-3.2-24b-instruct:free";
}
