import { helper } from "./y.js";

export const BASE = "https://openrouter.ai/api/v1";

export function viaY(messages) {
  return helper(`${BASE}/chat/completions`, { model: "m", messages }); // expect: OR003 -> js/y.js:5, OR005 -> js/y.js:5
}
