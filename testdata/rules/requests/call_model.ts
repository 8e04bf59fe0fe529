// `callModel` on @openrouter/sdk and @openrouter/agent clients: a request site like `chat.send`,
// with the same (camelCase) preference keys.
import { OpenRouter } from "@openrouter/agent";
import { OpenRouter as Platform } from "@openrouter/sdk";

const agent = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
const platform = new Platform({ apiKey: process.env.OPENROUTER_API_KEY });

export async function ask(input: string) {
  const result = agent.callModel({ model: "openai/gpt-4o", input }); // expect: OR003
  agent.callModel({ model: "openai/gpt-4o", input, provider: { order: ["openai"] } }); // expect: OR002
  agent.callModel({ model: "openai/gpt-4o", input, provider: { only: ["openai"] } });
  platform.callModel({ model: "openai/gpt-4o", input, provider: { order: ["openai"], allowFallbacks: false } });
  platform.callModel({ model: "openai/gpt-4o", input }); // expect: OR003
  return result.getText();
}
