import { BASE, viaY } from "./x.js";

export function helper(url, body) {
  if (!url) return viaY(body.messages);
  return fetch(url, { method: "POST", body: JSON.stringify(body) });
}

export function direct(messages) {
  return fetch(`${BASE}/responses`, { method: "POST", body: JSON.stringify({ model: "m", input: messages }) }); // expect: OR003, OR005
}
