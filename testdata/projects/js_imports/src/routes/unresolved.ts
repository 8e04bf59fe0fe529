import { llm } from "../lib/client";
import { loadPreferences } from "./preferences";

export async function withStoredPreferences(messages: any[]) {
  const body: any = { model: "m", messages };
  body.temperature = 0;
  // Preferences computed at run time: the request's routing is unknown, so no routing finding.
  body.provider = loadPreferences();
  return llm.chat.completions.create(body); // expect: OR005
}
