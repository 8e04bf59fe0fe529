// LangChain JS: the constructor is the site.
import { ChatOpenAI } from "@langchain/openai";
import { ChatOpenRouter } from "@langchain/openrouter";

export const chat = new ChatOpenAI({ // expect: OR003
  model: "openai/gpt-4o",
  configuration: { baseURL: "https://openrouter.ai/api/v1" },
});
export const older = new ChatOpenAI( // expect: OR003
  { model: "m", apiKey: process.env.OPENROUTER_API_KEY },
  { baseURL: "https://openrouter.ai/api/v1" },
);
export const pinned = new ChatOpenAI({
  model: "m",
  configuration: { baseURL: "https://openrouter.ai/api/v1" },
  modelKwargs: { provider: { order: ["openai"], allow_fallbacks: false } },
});
export const loose = new ChatOpenAI({
  model: "m",
  configuration: { baseURL: "https://openrouter.ai/api/v1" },
  modelKwargs: { provider: { order: ["openai"] } }, // expect: OR002
});
export const dedicated = new ChatOpenRouter("openai/gpt-4o", { apiKey: process.env.OPENROUTER_API_KEY }); // expect: OR003
export const dedicatedPinned = new ChatOpenRouter({ model: "m", provider: { only: ["openai"] } });

export const plain = new ChatOpenAI({ model: "gpt-4o" });
