import { streamText } from "ai";
import { openrouter, MODELS } from "@/lib/openrouter";
import { openrouter as viaBaseUrl } from "src/lib/openrouter";

export async function POST(req: Request) {
  const { messages } = await req.json();
  streamText({ model: viaBaseUrl(MODELS.cheap), messages }); // expect: OR003, OR005
  return streamText({ model: openrouter(MODELS.chat), messages }); // expect: OR003, OR005
}
