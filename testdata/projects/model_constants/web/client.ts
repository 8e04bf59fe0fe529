import OpenAI from "openai";
import { OPENROUTER_DEFAULT_MODEL, OPENROUTER_URL } from "./constants";

const client = new OpenAI({ baseURL: OPENROUTER_URL });

// The default is reported where it is written, in constants.ts.
export async function ask(prompt: string, model: string = OPENROUTER_DEFAULT_MODEL) {
  return client.chat.completions.create({ model, messages: [{ role: "user", content: prompt }] });
}
