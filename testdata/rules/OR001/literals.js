// OR001 in JavaScript: strings, template literals, comments, concatenation.
import OpenAI from "openai";

const double = "{{KEY}}"; // expect: OR001
const single = '{{KEY}}'; // expect: OR001
const template = `{{KEY}}`; // expect: OR001
const withSubstitution = `Bearer {{KEY}} for ${user}`; // expect: OR001
/* block comment {{KEY}} */ // expect: OR001

const client = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.OPENROUTER_API_KEY ?? "{{KEY}}", // expect: OR001
});

const plus = "sk-or-v1-" + "{{HEX}}"; // expect: OR001
const mixed = 'sk-or-v1-' + `{{HEX1}}` + "{{HEX2}}"; // expect: OR001
const grouped = ("sk-or-v1-" + "{{HEX1}}") + ("{{HEX2}}"); // expect: OR001
const multiline = "sk-or-v1-" + // expect: OR001
  "{{HEX1}}" +
  "{{HEX2}}";

// Not keys.
const placeholder = "sk-or-v1-...";
const substituted = `sk-or-v1-${suffix}` + "{{HEX}}";
const interrupted = "sk-or-v1-" + suffix + "{{HEX}}";
const short = "sk-or-v1-{{HEX63}}";
const upper = "sk-or-v1-{{HEXUPPER}}";
