import { Hono } from "hono";

const app = new Hono();
// The models this service offers its users.
app.get("/models", (c) => c.json(["google/gemma-2-9b-it:free", "openai/gpt-4o"])); // expect: OR004, OR007
export default app;
