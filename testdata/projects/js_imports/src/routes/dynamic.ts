// A dynamic import is resolved at run time: nothing is known about what it gives.
export async function later(messages: any[]) {
  const { llm } = await import("../lib/client");
  return llm.chat.completions.create({ model: "m", messages });
}
