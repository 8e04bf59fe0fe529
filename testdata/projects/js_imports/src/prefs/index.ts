export const PINNED = { order: ["anthropic"], allow_fallbacks: false };
export const LOOSE = { order: ["anthropic"] };
export const MODEL = "anthropic/claude-3.5-sonnet";
