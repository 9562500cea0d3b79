/** Attributes that say who a customer is, shown first when a page of members has them. */
const PREFERRED = ["email", "name", "firstName", "lastName", "plan", "country"];

/**
 * The few attribute columns a page of members shows: the familiar ones first, then the most common others, at most
 * `max`, so a wide profile does not push the table off a 1280-pixel screen.
 */
export function memberAttributes(pages: readonly Record<string, unknown>[], max = 4): string[] {
  const seen = new Map<string, number>();
  for (const attributes of pages)
    for (const [name, value] of Object.entries(attributes))
      if (value !== null && typeof value !== "object") seen.set(name, (seen.get(name) ?? 0) + 1);
  const preferred = PREFERRED.filter((name) => seen.has(name));
  const others = [...seen.entries()]
    .filter(([name]) => !PREFERRED.includes(name))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
  return [...preferred, ...others].slice(0, max);
}
