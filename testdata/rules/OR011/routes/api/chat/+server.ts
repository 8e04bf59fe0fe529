// A SvelteKit endpoint runs on the server: reading a public variable here ships nothing to
// the browser (the `.env` entry that sets it is still reported).
export const key = import.meta.env.VITE_OPENROUTER_API_KEY;
