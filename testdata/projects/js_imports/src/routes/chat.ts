import { OPENROUTER_API_URL } from "../lib/constants";

export async function POST(messages: unknown[]) {
  const payload = { model: "openai/gpt-4o", messages };
  return fetch(OPENROUTER_API_URL, { method: "POST", body: JSON.stringify(payload) }); // expect: OR003, OR005
}
