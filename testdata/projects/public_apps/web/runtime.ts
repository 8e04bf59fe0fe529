import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";

// A runtime factory choosing its client by a flag, with a helper that builds the whole
// request: the calls of the helper add no second finding.
export function createRuntime(config: { provider?: string; apiKey: string; model?: string }) {
  const provider = config.provider ?? "openrouter";
  let openaiClient: OpenAI | null = null;
  let anthropicClient: Anthropic | null = null;
  let model: string;
  if (provider === "anthropic") {
    anthropicClient = new Anthropic({ apiKey: config.apiKey });
    model = config.model ?? "claude-sonnet-4";
  } else {
    openaiClient = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: config.apiKey });
    model = config.model ?? "openrouter/auto";
  }

  async function completeChat(system: string, user: string): Promise<string> {
    if (provider === "anthropic" && anthropicClient) {
      const response = await anthropicClient.messages.create({ model, max_tokens: 512, system, messages: [{ role: "user", content: user }] });
      return response.content.length ? "ok" : "";
    } else if (openaiClient) {
      const response = await openaiClient.chat.completions.create({ // expect: OR003, OR005
        model,
        messages: [{ role: "system", content: system }, { role: "user", content: user }],
      });
      return response.choices[0]?.message?.content ?? "";
    }
    throw new Error("no client");
  }

  async function welcome() {
    return completeChat("You greet people.", "Hello");
  }

  async function summarise(text: string, short: boolean) {
    const system = short ? "You summarise in a line." : "You summarise.";
    return completeChat(system, text.length > 0 ? text : "Hello");
  }

  return { welcome, summarise };
}
