import { createOpenRouter } from "@openrouter/ai-sdk-provider";

export const openrouter = createOpenRouter({ apiKey: "{{KEY}}" });
export const other = createOpenRouter({ apiKey: `{{LITKEY}}` });
