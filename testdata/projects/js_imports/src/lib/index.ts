export { llm, makeClient as createClient } from "./client";
export * from "../prefs";
