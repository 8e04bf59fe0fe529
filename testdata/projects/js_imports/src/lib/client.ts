import OpenAI from "openai";
import { config } from "./config";

// An exported client, and a factory for one.
export const llm = new OpenAI({ baseURL: config.openrouter.baseUrl, apiKey: process.env.OPENROUTER_API_KEY });

export function makeClient() {
  return new OpenAI({ baseURL: config.openrouter.baseUrl });
}

// A plain OpenAI client, exported beside them.
export const openai = new OpenAI();
