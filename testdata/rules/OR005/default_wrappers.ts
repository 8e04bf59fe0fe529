// OR005 with the default wrappers pattern `*audit*`.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });

await client.chat.completions.create({ model: "m", messages: [] }); // expect: OR005

export async function summarise() {
  return client.chat.completions.create({ model: "m", messages: [] }); // expect: OR005
}

export const auditedCompletion = async (body: any) => client.chat.completions.create(body);

export async function auditedCall(body: any) {
  return client.chat.completions.create(body);
}

export class AuditedClient {
  async complete(body: any) {
    return client.chat.completions.create(body);
  }
}

export const handlers = {
  auditLog: async (body: any) => client.chat.completions.create(body),
  other: async (body: any) => client.chat.completions.create(body), // expect: OR005
};
