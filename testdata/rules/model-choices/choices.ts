// A model id counts where it chooses a model (OR004 free, OR007 not allowed).
import OpenAI from "openai";
import { useState } from "react";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });

// Counts: values kept under a name that says it is the model choice.
export const DEFAULT_MODEL = "meta-llama/llama-3.3-70b-instruct:free"; // expect: OR004, OR007
const summaryModelId = process.env.SUMMARY_MODEL ?? "google/gemma-3-27b-it:free"; // expect: OR004, OR007
const settings = { models: ["qwen/qwen3-coder:free", "anthropic/claude-sonnet-4"], retries: 2 }; // expect: OR004, OR007
const candidates = ["nousresearch/hermes-3-llama-3.1-405b:free", "openai/gpt-4o-mini"]; // expect: OR004, OR007
let model = candidates[Math.floor(Math.random() * candidates.length)];

export function ModelPicker(props: { reasoning: boolean }) {
  const [aiModel, setAIModel] = useState("tngtech/deepseek-r1t2-chimera:free"); // expect: OR004, OR007
  let extractionModel = aiModel;
  if (props.reasoning) {
    extractionModel = props.reasoning ? "anthropic/claude-3.5-haiku" : "minimax/minimax-m2:free"; // expect: OR004, OR007
  }
  return [extractionModel, setAIModel];
}

// Does not count: collections whose name says the model is excluded.
const BLOCKED_MODELS = new Set(["meta-llama/llama-3.3-70b-instruct:free", "x-ai/grok-4"]);
const excludeModels = ["deepseek/deepseek-chat-v3.1:free"];

export async function summarise(text: string) {
  // DEFAULT_MODEL's literal is this request's model: one finding, where it is written.
  return client.chat.completions.create({ model: DEFAULT_MODEL, messages: [{ role: "user", content: text }] });
}

export async function review(text: string) {
  return client.chat.completions.create({ model: "x-ai/grok-4", messages: [{ role: "user", content: text }] }); // expect: OR007
}

// Does not count: comparisons, suffix tests, assertions.
export const isFree = (id: string) => id.endsWith(":free") || id === "openrouter/free";
export const isBlocked = (id: string) => ["qwen/qwen3-coder:free"].includes(id) || BLOCKED_MODELS.has(id);
test("normalise", () => {
  expect(normalise("qwen/qwen3-coder")).toBe("qwen/qwen3-coder:free");
  expect(normalise("a")).toEqual({ model: "z-ai/glm-4.5-air:free" });
});

// Does not count: arguments of functions that are not requests.
const capable = isZdrCapable("google/gemma-3-27b-it:free");

// Does not count: mocked responses and stored messages; the request body next to them does.
const fetchMock = jest.fn(async () => ({ id: "r1", model: "openai/gpt-oss-20b:free", choices: [] }));
const row = { role: "assistant", content: "hi", model: "z-ai/glm-4.5-air:free", message_timestamp: 1 };
const body = { model: "openai/gpt-oss-20b:free", messages: [] }; // expect: OR004, OR007

declare function normalise(id: string): string;
declare function isZdrCapable(id: string): boolean;
declare const jest: any;
declare function test(name: string, body: () => void): void;
declare function expect(value: unknown): any;
