// A generic helper: nothing here shows OpenRouter.
export async function fetchTextWithTimeout(url: string, init: RequestInit, ms = 30_000) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  const response = await fetch(url, { ...init, signal: controller.signal });
  return response.text();
}
