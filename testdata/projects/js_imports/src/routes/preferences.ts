export function loadPreferences() {
  return JSON.parse(process.env.ROUTING ?? "{}");
}
