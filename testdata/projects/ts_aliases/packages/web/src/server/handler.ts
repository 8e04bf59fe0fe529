import { client } from "~/llm";
import { client as sameClient } from "llm";

export async function handle(messages: any[]) {
  await sameClient.chat.completions.create({ model: "m", messages, provider: { only: ["openai"] } }); // expect: OR005
  return client.chat.completions.create({ model: "m", messages }); // expect: OR003, OR005
}
