import { randomUUID } from "node:crypto";
import type { Json } from "@overture/core";
import type { IncomingEvent, Store } from "@overture/runtime";
import { ensurePortalSchemasOnce } from "../portal-identity/portal-schemas.ts";
import { json, placeholders } from "./rows.ts";

/** The event the portal sends when a customer has viewed a content item: properties `contentId` and `dwellMs`. */
export const CONTENT_VIEWED_EVENT = "content.viewed";

/** One view of an item by a customer, as kept for recommendations. */
export type ContentView = { eventId: string; customerId: string; contentId: string; dwellMs: number; at: number };

function isViewOfItem(
  e: IncomingEvent,
): e is IncomingEvent & { properties: Record<string, Json> & { contentId: string } } {
  return (
    e?.name === CONTENT_VIEWED_EVENT &&
    typeof e.customerId === "string" &&
    e.customerId !== "" &&
    typeof e.properties === "object" &&
    e.properties !== null &&
    !Array.isArray(e.properties) &&
    typeof e.properties.contentId === "string" &&
    e.properties.contentId !== ""
  );
}

/**
 * Runs before events are stored. A `content.viewed` event naming a `contentId` gets the item's `topics` when it has
 * none (the engine's engagement reads `topics`), an id when it has none (so the view and the event are counted once),
 * and its view is recorded for recommendations. Other events pass through untouched; the array is not mutated.
 */
export async function enrichContentViews(
  store: Store,
  workspaceId: string,
  events: IncomingEvent[],
  now: number,
): Promise<IncomingEvent[]> {
  if (!events.some(isViewOfItem)) return events;
  await ensurePortalSchemasOnce(store);
  // Events that carry their topics already (as the benchmark's do) need no lookup.
  const ids = [
    ...new Set(
      events
        .filter((e) => isViewOfItem(e) && e.properties.topics === undefined)
        .map((e) => (e.properties as { contentId: string }).contentId),
    ),
  ];
  const rows =
    ids.length === 0
      ? []
      : await store.sql.all<{ id: string; topics: unknown }>(
          `SELECT id, topics FROM content_items WHERE workspace_id = ? AND id IN (${placeholders(ids.length)})`,
          [workspaceId, ...ids],
        );
  const topicsById = new Map(rows.map((r) => [r.id, json<string[]>(r.topics)]));
  const views: ContentView[] = [];
  const out = events.map((e) => {
    if (!isViewOfItem(e)) return e;
    const { contentId, dwellMs } = e.properties;
    const topics = topicsById.get(contentId);
    const properties = e.properties.topics === undefined && topics ? { ...e.properties, topics } : e.properties;
    const enriched = { ...e, id: e.id ?? randomUUID(), properties };
    const at = typeof e.at === "number" && Number.isFinite(e.at) ? Math.min(e.at, now) : now;
    views.push({
      eventId: enriched.id,
      customerId: e.customerId,
      contentId,
      dwellMs: typeof dwellMs === "number" && dwellMs > 0 ? Math.round(dwellMs) : 0,
      at,
    });
    return enriched;
  });
  // An erased customer's views are not kept (ingestion drops their events too: docs/decisions/0036).
  const erased =
    views.length > 0
      ? await store.customerData.tombstoned(
          workspaceId,
          views.map((v) => v.customerId),
        )
      : null;
  await recordContentViews(store, workspaceId, erased?.size ? views.filter((v) => !erased.has(v.customerId)) : views);
  return out;
}

/**
 * Stores views; a view whose event id is already recorded is ignored (resent events count once). One statement per
 * 1,000 views, so a batch of events costs ingestion one more commit, not one per view.
 */
export async function recordContentViews(store: Store, workspaceId: string, views: ContentView[]): Promise<void> {
  for (let i = 0; i < views.length; i += 1000) {
    const chunk = views.slice(i, i + 1000);
    await store.sql.run(
      `INSERT INTO content_views (workspace_id, event_id, customer_id, content_id, dwell_ms, at) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
      chunk.flatMap((v) => [workspaceId, v.eventId, v.customerId, v.contentId, v.dwellMs, v.at]),
    );
  }
}
