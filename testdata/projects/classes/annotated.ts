class Config { baseUrl = "https://openrouter.ai/api/v1"; }
export async function send(config: Config) {
  return fetch(`${config.baseUrl}/chat/completions`, { method: "POST", body: JSON.stringify({ model: "a/b" }) }); // expect: OR003, OR005
}
