// The name in a message is not a read of the variable.
const key = import.meta.env.VITE_OPENROUTER_API_KEY; // expect: OR011
if (!key) {
  throw new Error("VITE_OPENROUTER_API_KEY is missing: set it in .env");
}
console.warn(`Set NEXT_PUBLIC_OPENROUTER_API_KEY in ${"your"} environment`);
// Read by name: still a read.
export const other = import.meta.env["VITE_OPENROUTER_API_KEY"]; // expect: OR011
