export async function ask(messages) {
  const response = await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` },
    body: JSON.stringify({
      model: "anthropic/claude-sonnet-4",
      messages,
    }),
  });
  return response.json();
}

export const short = (messages) =>
  fetch('https://openrouter.ai/api/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'anthropic/claude-3.5-haiku', messages }) });
