import { OpenRouter } from "@openrouter/sdk";
import { OpenRouterService } from "./service";

const service = new OpenRouterService();

export async function summarise(text: string, options: { client?: OpenRouter } = {}) {
  const client = options.client ?? new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
  return client.chat.send({ model: "openai/gpt-4o", messages: [{ role: "user", content: text }] }); // expect: OR003, OR005
}

export async function viaService(text: string) {
  // Pinned here; the unaudited request is reported once, in the service.
  await service.chat({ model: "m", messages: [text], provider: { only: ["openai"] } });
  return service.chat({ model: "m", messages: [text] }); // expect: OR003 -> src/service.ts:11
}
