// openai-node from CommonJS.
const OpenAI = require("openai");
const { OpenAI: Named } = require("openai");

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });
const named = new Named({ baseURL: process.env.BASE_URL || "https://openrouter.ai/api/v1" });

async function main(messages) {
  await client.chat.completions.create({ model: "m", messages }); // expect: OR003
  await named.chat.completions.create({ model: "m", messages, provider: { order: ["x"], allow_fallbacks: true } }); // expect: OR002
}

module.exports = { main };
