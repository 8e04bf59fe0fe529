import { OPENROUTER_BASE } from "./constants.js";

export const config = {
  openrouter: { baseUrl: OPENROUTER_BASE, model: "anthropic/claude-3.5-sonnet" },
};

export default config;
