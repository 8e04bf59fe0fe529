// An early prototype that is still in the bundle: it calls OpenRouter straight from the
// browser, so the bundler inlines the key into the JavaScript every visitor downloads.
import OpenAI from "openai";

export const prototypeClient = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: import.meta.env.VITE_OPENROUTER_API_KEY,
  dangerouslyAllowBrowser: true,
});
