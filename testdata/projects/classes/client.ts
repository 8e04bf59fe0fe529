import OpenAI from "openai";

class RouterClient extends OpenAI {
  constructor() {
    super({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });
  }
}

const client = new RouterClient();
export const ask = () => client.chat.completions.create({ model: "openai/gpt-4o", messages: [] }); // expect: OR003, OR005

class Gateway {
  private baseUrl = "https://openrouter.ai/api/v1";

  async send(body: object) {
    return fetch(`${this.baseUrl}/chat/completions`, { method: "POST", body: JSON.stringify({ model: "openai/gpt-4o" }) }); // expect: OR003, OR005
  }
}

// Negative: a subclass of the plain client.
class Direct extends OpenAI {
  constructor() {
    super({ apiKey: process.env.OPENAI_API_KEY });
  }
}
export const direct = () => new Direct().chat.completions.create({ model: "gpt-4o", messages: [] });
