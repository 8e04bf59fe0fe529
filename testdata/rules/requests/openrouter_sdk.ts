// @openrouter/sdk: camelCase keys, converted by the SDK; three request wrappers.
import { OpenRouter } from "@openrouter/sdk";

const openRouter = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function send(messages: any[]) {
  // flat
  await openRouter.chat.send({ model: "openai/gpt-4o", messages }); // expect: OR003
  await openRouter.chat.send({ model: "m", messages, provider: { order: ["anthropic"], allowFallbacks: false } });
  await openRouter.chat.send({
    model: "m",
    messages,
    provider: { order: ["anthropic"] }, // expect: OR002
  });
  // chatRequest
  await openRouter.chat.send({ chatRequest: { model: "m", messages } }); // expect: OR003
  await openRouter.chat.send({ chatRequest: { model: "m", messages, provider: { only: ["openai"] } } });
  await openRouter.chat.send({
    chatRequest: {
      model: "m",
      messages,
      provider: { order: ["openai"], allowFallbacks: true }, // expect: OR002
    },
  });
  // chatGenerationParams
  await openRouter.chat.send({ chatGenerationParams: { model: "m", messages, provider: { dataCollection: "deny" } } }); // expect: OR003
  await openRouter.chat.send({ chatGenerationParams: { model: "m", messages, provider: { order: ["a"], allow_fallbacks: false } } });
  // unknown keys are still unknown
  await openRouter.chat.send({ model: "m", messages, provider: { only: ["a"], allowFallback: false } }); // expect: OR010
}
