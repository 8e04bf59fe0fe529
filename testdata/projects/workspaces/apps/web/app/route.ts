import { client } from "@acme/ai";
import { fast } from "@acme/llm/models";
import { generateText } from "ai";
import { other } from "@other/sdk";

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const a = await client.chat.completions.create({ model: "openai/gpt-4o", messages: [{ role: "user", content: prompt }] }); // expect: OR003, OR005
  const b = await generateText({ model: fast(), prompt }); // expect: OR003, OR005
  // Negative: not a workspace package.
  const c = await other.chat.completions.create({ model: "openai/gpt-4o", messages: [] });
  return Response.json({ a, b, c });
}
