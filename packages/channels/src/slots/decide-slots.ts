import type { Store } from "@overture/runtime";
import { type ContentItem, contentFromRow } from "../content/content-library.ts";
import { numOrNull, placeholders } from "../content/rows.ts";
import { decisionCacheOf } from "./decision-notify.ts";

/** What one slot shows a customer now, and why: their assignment, the slot's default, or nothing. */
export type SlotDecision = {
  slot: string;
  source: "assignment" | "default" | "none";
  contentId: string | null;
  /** When the customer's assignment ends (null: for good, or not an assignment). */
  until: number | null;
  /** The item inlined, or null when there is none (or its id names no item of the library). */
  content: ContentItem | null;
};

const CONTENT = "c.id, c.title, c.summary, c.url, c.type, c.topics, c.body, c.image_url, c.created_at";

/**
 * For each named slot, what it shows the customer at `now`: their assignment while it lasts (until > now), else the
 * slot's default, with the content item inlined. One indexed query, its rows cached in process until a write drops
 * them (decision-cache.ts, decision-notify.ts), as this is on the page-render path.
 */
export async function decideSlots(
  store: Store,
  workspaceId: string,
  customerId: string,
  names: string[],
  now: number,
): Promise<Record<string, SlotDecision>> {
  const unique = [...new Set(names)];
  const decisions: Record<string, SlotDecision> = {};
  for (const slot of unique) decisions[slot] = { slot, source: "none", contentId: null, until: null, content: null };
  if (unique.length === 0) return decisions;
  const key = unique.join(",");
  const cache = decisionCacheOf(store);
  let rows = cache.get(workspaceId, customerId, key);
  if (!rows) {
    const stamp = cache.stamp(workspaceId, customerId);
    rows = await queryRows(store, workspaceId, customerId, unique);
    cache.set(workspaceId, customerId, key, stamp, rows);
  }
  for (const r of rows) {
    const slot = r.slot as string;
    const current = decisions[slot];
    const until = numOrNull(r.until);
    // An assignment wins over the default, whatever order the rows came in, while it lasts.
    if (!current || current.source === "assignment" || (r.source === "assignment" && until !== null && until <= now))
      continue;
    const contentId = (r.content_id as string | null) ?? null;
    decisions[slot] = {
      slot,
      source: contentId === null ? "none" : (r.source as "assignment" | "default"),
      contentId,
      until,
      content: r.id === null || r.id === undefined ? null : contentFromRow(r),
    };
  }
  return decisions;
}

/** The customer's assignments of these slots (ended or not) and the slots' defaults, with their items: one query. */
function queryRows(
  store: Store,
  workspaceId: string,
  customerId: string,
  names: string[],
): Promise<Record<string, unknown>[]> {
  const list = placeholders(names.length);
  return store.sql.all(
    `SELECT 'assignment' AS source, a.slot AS slot, a.content_id AS content_id, a.until AS until, ${CONTENT}
       FROM slot_assignments a LEFT JOIN content_items c ON c.workspace_id = a.workspace_id AND c.id = a.content_id
      WHERE a.workspace_id = ? AND a.customer_id = ? AND a.slot IN (${list})
     UNION ALL
     SELECT 'default' AS source, s.name AS slot, s.default_content_id AS content_id, NULL AS until, ${CONTENT}
       FROM slots s LEFT JOIN content_items c ON c.workspace_id = s.workspace_id AND c.id = s.default_content_id
      WHERE s.workspace_id = ? AND s.name IN (${list})`,
    [workspaceId, customerId, ...names, workspaceId, ...names],
  );
}
