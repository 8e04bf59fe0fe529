export async function pinned(messages: unknown[]) {
  await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    body: JSON.stringify({
      model: "anthropic/claude-sonnet-4",
      messages,
      provider: {
        order: ["anthropic", "amazon-bedrock"],
      },
    }),
  });
}

export async function oneLine(messages: unknown[]) {
  await fetch('https://openrouter.ai/api/v1/chat/completions', {
    method: 'POST',
    body: JSON.stringify({ model: 'm', messages, provider: { order: ['anthropic'] } }),
  });
}

export async function quotedKeys(messages: unknown[]) {
  await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    body: JSON.stringify({ "model": "m", messages, "provider": { "order": ["anthropic"], "allow_fallbacks": true } }),
  });
}
