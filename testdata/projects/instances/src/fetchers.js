import { generateText } from "ai";
import { openrouter } from "@openrouter/ai-sdk-provider";

const URL = "https://openrouter.ai/api/v1/chat/completions";

export async function withFetch(messages, opts = {}) {
  const doFetch = opts.fetchFn ?? fetch;
  await doFetch(URL, { method: "POST", body: JSON.stringify({ model: "m", messages }) }); // expect: OR003, OR005
  return (opts.fetchFn ?? fetch)(URL, { method: "POST", body: JSON.stringify({ model: "m", messages }) }); // expect: OR003, OR005
}

export async function withAlias(prompt, generate) {
  const run = generate ?? ((o) => generateText(o));
  return run({ model: openrouter("openai/gpt-4o"), prompt }); // expect: OR003 -> src/fetchers.js:13, OR005 -> src/fetchers.js:13
}

function post(base, body) {
  // Every call in this file passes the OpenRouter URL.
  return fetch(`${base}/chat/completions`, { method: "POST", body: JSON.stringify(body) }); // expect: OR005
}

export const ask = (messages) => post("https://openrouter.ai/api/v1", { model: "m", messages }); // expect: OR003 -> src/fetchers.js:19
