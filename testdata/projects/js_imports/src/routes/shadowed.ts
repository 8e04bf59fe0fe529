import OpenAI from "openai";
import { llm } from "../lib/client";

export async function local(messages: any[]) {
  // A local of the same name hides the import.
  const llm = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  return llm.chat.completions.create({ model: "gpt-4o", messages });
}

export async function imported(messages: any[]) {
  return llm.chat.completions.create({ model: "m", messages }); // expect: OR003, OR005
}
