// OR005 names where an anonymous function sits: by the call it is passed to, never
// "module level" when it is inside a function.
import OpenAI from "openai";
import { Hono } from "hono";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });
const chatRoutes = new Hono();

chatRoutes.post("/chat", async (c) => {
  const completion = await client.chat.completions.create({ model: "m", messages: [] }); // expect: OR005
  return c.json(completion);
});

export function registerRoutes(app: Hono) {
  app.get("/summary", async function (c) {
    return c.json(await client.chat.completions.create({ model: "m", messages: [] })); // expect: OR005
  });
}

export const jobs = [
  async () => client.chat.completions.create({ model: "m", messages: [] }), // expect: OR005
];

chatRoutes.post("/audited", async (c) => auditLog(() => client.chat.completions.create({ model: "m", messages: [] })));

function auditLog<T>(call: () => Promise<T>): Promise<T> {
  return call();
}
