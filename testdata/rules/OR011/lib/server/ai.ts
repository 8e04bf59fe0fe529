// `$lib/server` modules cannot be imported from browser code.
export const key = import.meta.env.VITE_OPENROUTER_API_KEY;
