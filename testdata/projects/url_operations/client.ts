const base = process.env.OPENROUTER_BASE_URL ?? "https://openrouter.ai/api/v1/";
const body = JSON.stringify({ model: "openai/gpt-4o", messages: [] });

export async function send() {
  await fetch(`${base.replace(/\/+$/, "")}/chat/completions`, { method: "POST", body }); // expect: OR003
  await fetch(new URL("chat/completions", base), { method: "POST", body }); // expect: OR003
  await fetch(base.trimEnd() + "chat/completions", { method: "POST", body }); // expect: OR003
  // Negatives: a replacement that may change the host, and another base.
  await fetch(base.replace("openrouter.ai", "example.com") + "chat/completions", { method: "POST", body });
  await fetch(new URL("chat/completions", "https://api.openai.com/v1/"), { method: "POST", body });
}
