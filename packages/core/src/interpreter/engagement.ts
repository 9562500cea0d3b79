import type { CustomerFacts, Json } from "../model/instance.ts";

/** The event the portal SDK sends when a customer views content; its dwell time feeds engagement. */
export const CONTENT_VIEWED = "content.viewed";

/** The topics a `content.viewed` event is about (`topics`, or one `topic`). */
export function topicsOf(properties: Record<string, Json>): string[] {
  const { topics, topic } = properties;
  if (Array.isArray(topics)) return topics.filter((t): t is string => typeof t === "string");
  return typeof topic === "string" ? [topic] : [];
}

/** The dwell time a `content.viewed` event records, in milliseconds (`dwellMs`, or `dwellSeconds`). */
export function dwellOf(properties: Record<string, Json>): number {
  const { dwellMs, dwellSeconds } = properties;
  if (typeof dwellMs === "number" && dwellMs > 0) return dwellMs;
  if (typeof dwellSeconds === "number" && dwellSeconds > 0) return dwellSeconds * 1000;
  return 0;
}

/**
 * Dwell time per topic: the runtime's precomputed figures when given, otherwise summed from the
 * customer's content.viewed events (properties `topics` or `topic`, and `dwellMs` or `dwellSeconds`).
 */
export function engagementOf(facts: CustomerFacts): Record<string, number> {
  if (facts.engagement) return facts.engagement;
  const totals: Record<string, number> = {};
  for (const event of facts.events ?? []) {
    if (event.name !== CONTENT_VIEWED) continue;
    const dwell = dwellOf(event.properties);
    for (const topic of topicsOf(event.properties)) totals[topic] = (totals[topic] ?? 0) + dwell;
  }
  return totals;
}

/** Topics ordered by dwell time, most first; ties broken by name so the order is deterministic. */
export function topTopics(engagement: Record<string, number>, limit: number): string[] {
  return (
    Object.entries(engagement)
      .filter(([, ms]) => ms > 0)
      // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([topic]) => topic)
  );
}
