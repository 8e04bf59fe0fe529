// TSX: a component calling a route handler, and the handler calling OpenRouter.
import { generateText } from "ai";
import { openrouter } from "@openrouter/ai-sdk-provider";

export async function summarise(ticket: string) {
  const { text } = await generateText({ // expect: OR003
    model: openrouter("openai/gpt-4o"),
    prompt: ticket,
  });
  return <p>{text}</p>;
}

export async function pinned(ticket: string) {
  const { text } = await generateText({
    model: openrouter("openai/gpt-4o", { provider: { only: ["openai"] } }),
    prompt: ticket,
  });
  return <p>{text}</p>;
}
