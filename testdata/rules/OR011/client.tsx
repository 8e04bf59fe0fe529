import OpenAI from "openai";
import { createOpenRouter } from "@openrouter/ai-sdk-provider";

export const browserClient = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.NEXT_PUBLIC_OPENROUTER_API_KEY, // expect: OR011
  dangerouslyAllowBrowser: true, // expect: OR011
});

// A generic public name becomes the OpenRouter key here.
export const openrouter = createOpenRouter({ apiKey: import.meta.env.VITE_API_KEY }); // expect: OR011

const model = process.env.NEXT_PUBLIC_OPENROUTER_MODEL ?? "openai/gpt-4o-mini";
const title = import.meta.env.VITE_APP_TITLE;
const serverKey = process.env.OPENROUTER_API_KEY;
// NEXT_PUBLIC_OPENROUTER_API_KEY must never be set.

// A plain OpenAI client in the browser is not OpenRouter's business.
export const plain = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, dangerouslyAllowBrowser: true });

export function Title() {
  return <h1>{title} {model} {serverKey ? "ready" : "no key"}</h1>;
}
