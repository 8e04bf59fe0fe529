// Plain JavaScript (ES modules): fetch, axios, the AI SDK and @openrouter/sdk.
import axios from "axios";
import { OpenRouter } from "@openrouter/sdk";
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { streamText } from "ai";

const URL = process.env.OPENROUTER_URL ?? "https://openrouter.ai/api/v1/chat/completions";
const sdk = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function run(messages) {
  await fetch(URL, { method: "POST", body: JSON.stringify({ model: "m", messages }) }); // expect: OR003
  await axios.post(URL, { model: "m", messages, provider: { only: ["openai"] } });
  await sdk.chat.send({ chatRequest: { model: "m", messages } }); // expect: OR003
  return streamText({ model: openrouter("m"), messages }); // expect: OR003
}
