import { openrouter } from "./index";

export const fast = () => openrouter("openai/gpt-4o-mini");
