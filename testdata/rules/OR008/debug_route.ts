import OpenAI from "openai";

const apiKey = process.env.OPENROUTER_API_KEY;
console.log("OpenRouter key", process.env.OPENROUTER_API_KEY?.slice(0, 10)); // expect: OR008
console.log(!!process.env.OPENROUTER_API_KEY);
console.log("key", apiKey ? "set" : "missing");
console.log(`key length ${apiKey?.length}`);
console.log({ apiKey }); // expect: OR008
console.info(`masked ${apiKey?.substring(0, 4)}…`);
console.log("prefix ok", apiKey?.startsWith("sk-or-"));

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey });
console.debug("client key", client.apiKey); // expect: OR008

class Service {
  private key = process.env.OPENROUTER_API_KEY;
  private apiKey: string;

  constructor(apiKey?: string) {
    this.apiKey = apiKey ?? process.env.OPENROUTER_API_KEY ?? "";
  }

  report() {
    logger.warn(`service key ${this.key}`); // expect: OR008
    console.error("service api key", this.apiKey); // expect: OR008
    console.error("has key", Boolean(this.apiKey));
  }
}

const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
process.stdout.write(JSON.stringify(headers)); // expect: OR008

const model = "openai/gpt-4o";
console.log(model);
const dialog = { info: (s: string) => s };
dialog.info(apiKey ?? "");
// Seen in public code: comparisons of the key say nothing about its value.
if (!apiKey) {
  console.log("OPENROUTER_API_KEY is falsy because:",
    apiKey === undefined ? "it's undefined" :
    apiKey === null ? "it's null" :
    "unknown reason");
  console.log("- type:", typeof apiKey);
}
