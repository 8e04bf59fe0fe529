import * as constants from "../lib/constants.js";
import settings from "../lib/config.js";
import { openai } from "../lib/client";

export async function viaNamespace(messages) {
  return fetch(constants.OPENROUTER_API_URL, { method: "POST", body: JSON.stringify({ model: settings.openrouter.model, messages }) }); // expect: OR003, OR005
}

export async function viaDefault(messages) {
  const url = `${settings.openrouter.baseUrl}/chat/completions`;
  return fetch(url, { method: "POST", body: JSON.stringify({ model: "m", messages }) }); // expect: OR003, OR005
}

export async function plainOpenAI(messages) {
  // Not OpenRouter: the exported plain client.
  return openai.chat.completions.create({ model: "gpt-4o", messages });
}
