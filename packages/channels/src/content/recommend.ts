import type { Store } from "@overture/runtime";
import { ensurePortalSchemasOnce } from "../portal-identity/portal-schemas.ts";
import { type ContentItem, listContent } from "./content-library.ts";
import { num } from "./rows.ts";

/** One recommended item, with why it was picked in the customer's words. */
export type RecommendedItem = Pick<ContentItem, "id" | "title" | "summary" | "url" | "topics"> & { reason: string };

/**
 * What {@link recommend} found: the items, the topics they were drawn from (most engaged first), and whether they come
 * from the customer's own engagement or the fallback (no history yet).
 */
export type Recommendations = { items: RecommendedItem[]; topics: string[]; basedOn: "engagement" | "fallback" };

export type RecommendOptions = {
  /** How many items at most. */
  count: number;
  /** Topics to draw from when the customer has no history (e.g. the recommend step's fallbackTopics). */
  topics?: string[];
};

/** Items of this type fill slots (the onboarding banner); they are not reading material to recommend. */
const NOT_RECOMMENDED_TYPES = new Set(["banner"]);

/** "getting-started" → "Getting started", for reasons a customer reads. */
export function topicLabel(topic: string): string {
  const words = topic.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The customer's top `count` items. Topics are weighted by the customer's dwell time on items of each topic (from
 * their content views); items they have seen are left out; each candidate counts under its most engaged topic, and
 * within a topic the items most viewed in the workspace come first (then by id, so the order is stable). A customer
 * without history gets the most viewed items of the fallback topics, then the most viewed items overall.
 */
export async function recommend(
  store: Store,
  workspaceId: string,
  customerId: string,
  options: RecommendOptions,
): Promise<Recommendations> {
  // Callers (the email channel) may run before serve's start-up created the library's tables.
  await ensurePortalSchemasOnce(store);
  const [library, mine, popular] = await Promise.all([
    listContent(store, workspaceId),
    store.sql.all<{ content_id: string; dwell_ms: unknown }>(
      "SELECT content_id, dwell_ms FROM content_views WHERE workspace_id = ? AND customer_id = ?",
      [workspaceId, customerId],
    ),
    store.sql.all<{ content_id: string; n: unknown }>(
      "SELECT content_id, COUNT(*) AS n FROM content_views WHERE workspace_id = ? GROUP BY content_id",
      [workspaceId],
    ),
  ]);
  const byId = new Map(library.map((item) => [item.id, item]));
  const views = new Map(popular.map((r) => [r.content_id, num(r.n)]));
  const seen = new Set(mine.map((r) => r.content_id));
  const weights = new Map<string, number>();
  for (const view of mine) {
    for (const topic of byId.get(view.content_id)?.topics ?? [])
      weights.set(topic, (weights.get(topic) ?? 0) + num(view.dwell_ms));
  }
  const engaged = [...weights.entries()]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
    .map(([topic]) => topic);
  const basedOn = engaged.length > 0 ? "engagement" : "fallback";
  const topics = basedOn === "engagement" ? engaged : (options.topics ?? []);
  const candidates = library.filter((item) => !seen.has(item.id) && !NOT_RECOMMENDED_TYPES.has(item.type));
  const byPopularity = (a: ContentItem, b: ContentItem) =>
    (views.get(b.id) ?? 0) - (views.get(a.id) ?? 0) || compare(a.id, b.id);

  const picked: RecommendedItem[] = [];
  const rank = new Map(topics.map((topic, i) => [topic, i]));
  const primary = (item: ContentItem) => Math.min(...item.topics.map((t) => rank.get(t) ?? Number.POSITIVE_INFINITY));
  const inTopics = candidates
    .filter((item) => Number.isFinite(primary(item)))
    .sort((a, b) => primary(a) - primary(b) || byPopularity(a, b));
  for (const item of inTopics) {
    const topic = topics[primary(item)] as string;
    const reason =
      basedOn === "engagement"
        ? `because you spent time on ${topicLabel(topic)}`
        : `a good start in ${topicLabel(topic)}`;
    picked.push(toRecommended(item, reason));
  }
  const chosen = new Set(picked.map((p) => p.id));
  for (const item of candidates.filter((c) => !chosen.has(c.id)).sort(byPopularity))
    picked.push(toRecommended(item, "popular with other customers"));
  return { items: picked.slice(0, Math.max(0, options.count)), topics, basedOn };
}

function toRecommended(item: ContentItem, reason: string): RecommendedItem {
  return { id: item.id, title: item.title, summary: item.summary, url: item.url, topics: item.topics, reason };
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
