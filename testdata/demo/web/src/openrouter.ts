// The browser never sees the key: requests go through our backend route.
export async function summarise(ticket: string): Promise<string> {
  const response = await fetch("/api/summarise", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ticket }),
  });
  const { summary } = await response.json();
  return summary;
}
