import { llm, createClient, PINNED, LOOSE, MODEL } from "../lib";

export async function summarise(messages: any[]) {
  await llm.chat.completions.create({ model: MODEL, messages, provider: PINNED }); // expect: OR005
  await createClient().chat.completions.create({ model: MODEL, messages }); // expect: OR003, OR005
  return llm.chat.completions.create({ model: MODEL, messages, provider: LOOSE }); // expect: OR002, OR005
}
