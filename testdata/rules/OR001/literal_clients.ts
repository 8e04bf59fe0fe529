import OpenAI from "openai";
import { createOpenRouter } from "@openrouter/ai-sdk-provider";

const KEY = "{{LITKEY}}"; // expect: OR001
export const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: KEY });

export const openrouter = createOpenRouter({ apiKey: "{{LITKEY2}}" }); // expect: OR001
export const fromEnv = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY ?? "" });
export const placeholder = createOpenRouter({ apiKey: "<your OpenRouter key>" });
