// orlint: ignore[OR003] -- the request moved to server.ts
export const base = "https://openrouter.ai/api/v1"; /* orlint: ignore */
export const other = 1;
