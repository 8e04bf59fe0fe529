// Raw HTTP with fetch and axios.
import axios from "axios";

const OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions";
const BASE = process.env.OPENROUTER_BASE_URL || "https://openrouter.ai/api/v1";

export async function withFetch(messages: any[]) {
  await fetch(OPENROUTER_URL, { // expect: OR003
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` },
    body: JSON.stringify({ model: "m", messages }),
  });
  await fetch(`${BASE}/chat/completions`, {
    method: "POST",
    body: JSON.stringify({ model: "m", messages, provider: { order: ["openai"], allow_fallbacks: false } }),
  });
  const body = { model: "m", messages, provider: { order: ["openai"] } }; // expect: OR002
  await fetch(OPENROUTER_URL, { method: "POST", body: JSON.stringify(body) });
  await fetch(OPENROUTER_URL, { method: "POST", body: JSON.stringify({ model: "m", provider: { allowFallbacks: false, only: ["a"] } }) }); // expect: OR010
  await fetch("https://openrouter.ai/api/v1/models");
  await fetch(OPENROUTER_URL, { method: "POST", body: payload });
}

export async function withAxios(messages: any[]) {
  await axios.post(OPENROUTER_URL, { model: "m", messages }); // expect: OR003
  await axios.post(OPENROUTER_URL, { model: "m", messages, provider: { only: ["openai"] } }, { headers: {} });
  await axios({ url: OPENROUTER_URL, method: "post", data: { model: "m", messages } }); // expect: OR003
  const http = axios.create({ baseURL: "https://openrouter.ai/api/v1" });
  await http.post("/chat/completions", { model: "m", messages }); // expect: OR003
}
