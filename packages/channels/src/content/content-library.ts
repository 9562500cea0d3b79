import { InputError, type Store } from "@overture/runtime";
import { invalidateDecisions } from "../slots/decision-cache.ts";
import { notifyDecisions, writeDecisionRow } from "../slots/decision-notify.ts";
import { json, num } from "./rows.ts";

/** One item of the content library: an article, guide or video the portal shows and recommendations pick from. */
export type ContentItem = {
  id: string;
  title: string;
  summary: string;
  url: string;
  type: string;
  topics: string[];
  body?: string;
  imageUrl?: string;
  createdAt: number;
};

/** An item as written through the API: createdAt is set by the library. */
export type ContentInput = Omit<ContentItem, "createdAt">;

const COLUMNS = "id, title, summary, url, type, topics, body, image_url, created_at";

/** Reads a content_items row (both dialects). */
export function contentFromRow(r: Record<string, unknown>): ContentItem {
  const item: ContentItem = {
    id: r.id as string,
    title: r.title as string,
    summary: r.summary as string,
    url: r.url as string,
    type: r.type as string,
    topics: json<string[]>(r.topics),
    createdAt: num(r.created_at),
  };
  if (r.body !== null && r.body !== undefined) item.body = r.body as string;
  if (r.image_url !== null && r.image_url !== undefined) item.imageUrl = r.image_url as string;
  return item;
}

/** Adds an item; InputError("conflict") when the id is taken. */
export async function createContent(
  store: Store,
  workspaceId: string,
  input: ContentInput,
  now: number,
): Promise<ContentItem> {
  const inserted = await writeDecisionRow(
    store,
    `INSERT INTO content_items (workspace_id, ${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, id) DO NOTHING`,
    [workspaceId, ...values(input), now, now],
    { workspaceId },
  );
  if (inserted === 0) {
    throw new InputError(
      "conflict",
      `A content item '${input.id}' exists already; update it with PUT /v1/content/${input.id}.`,
      [{ path: "id", code: "conflict", message: `content id '${input.id}' is taken` }],
    );
  }
  return { ...input, createdAt: now };
}

/** Creates or replaces items by id (keeping the creation time of those that existed), in one transaction. */
export async function upsertContent(
  store: Store,
  workspaceId: string,
  inputs: ContentInput[],
  now: number,
): Promise<{ created: number; updated: number }> {
  if (inputs.length === 0) return { created: 0, updated: 0 };
  const counts = await store.sql.transaction(async (tx) => {
    const ids = inputs.map((i) => i.id);
    const existing = await tx.all<{ id: string }>(
      `SELECT id FROM content_items WHERE workspace_id = ? AND id IN (${ids.map(() => "?").join(", ")})`,
      [workspaceId, ...ids],
    );
    const had = new Set(existing.map((r) => r.id));
    for (const input of inputs) {
      await tx.run(
        `INSERT INTO content_items (workspace_id, ${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, id) DO UPDATE SET title = excluded.title, summary = excluded.summary, url = excluded.url,
           type = excluded.type, topics = excluded.topics, body = excluded.body, image_url = excluded.image_url, updated_at = excluded.updated_at`,
        [workspaceId, ...values(input), now, now],
      );
    }
    const created = new Set(ids.filter((id) => !had.has(id))).size;
    await notifyDecisions(tx, workspaceId);
    return { created, updated: new Set(ids).size - created };
  });
  invalidateDecisions(store, workspaceId);
  return counts;
}

/** Replaces an existing item; InputError("not_found") when there is none. */
export async function updateContent(
  store: Store,
  workspaceId: string,
  input: ContentInput,
  now: number,
): Promise<ContentItem> {
  const changed = await writeDecisionRow(
    store,
    "UPDATE content_items SET title = ?, summary = ?, url = ?, type = ?, topics = ?, body = ?, image_url = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
    [...values(input).slice(1, 8), now, workspaceId, input.id],
    { workspaceId },
  );
  if (changed === 0) throw notFound(input.id);
  return (await getContent(store, workspaceId, input.id)) as ContentItem;
}

export async function getContent(store: Store, workspaceId: string, id: string): Promise<ContentItem | null> {
  const rows = await store.sql.all(`SELECT ${COLUMNS} FROM content_items WHERE workspace_id = ? AND id = ?`, [
    workspaceId,
    id,
  ]);
  return rows[0] ? contentFromRow(rows[0]) : null;
}

/** Removes an item; InputError("not_found") when there is none. */
export async function deleteContent(store: Store, workspaceId: string, id: string): Promise<void> {
  const deleted = await writeDecisionRow(
    store,
    "DELETE FROM content_items WHERE workspace_id = ? AND id = ?",
    [workspaceId, id],
    {
      workspaceId,
    },
  );
  if (deleted === 0) throw notFound(id);
}

/**
 * The library, newest first, optionally narrowed to a topic and to items whose title, summary or topics contain
 * `search` (any case). Libraries are hundreds of items, so filtering happens here rather than in two SQL dialects.
 */
export async function listContent(
  store: Store,
  workspaceId: string,
  filter: { search?: string; topic?: string } = {},
): Promise<ContentItem[]> {
  const rows = await store.sql.all(
    `SELECT ${COLUMNS} FROM content_items WHERE workspace_id = ? ORDER BY created_at DESC, id`,
    [workspaceId],
  );
  const needle = filter.search?.trim().toLowerCase();
  return rows
    .map(contentFromRow)
    .filter((item) => !filter.topic || item.topics.includes(filter.topic))
    .filter(
      (item) =>
        !needle || [item.title, item.summary, ...item.topics].some((text) => text.toLowerCase().includes(needle)),
    );
}

/** How many items the workspace's library holds. */
export async function countContent(store: Store, workspaceId: string): Promise<number> {
  const rows = await store.sql.all<{ n: unknown }>("SELECT COUNT(*) AS n FROM content_items WHERE workspace_id = ?", [
    workspaceId,
  ]);
  return num(rows[0]?.n ?? 0);
}

function values(input: ContentInput): unknown[] {
  return [
    input.id,
    input.title,
    input.summary,
    input.url,
    input.type,
    JSON.stringify(input.topics),
    input.body ?? null,
    input.imageUrl ?? null,
  ];
}

function notFound(id: string): InputError {
  return new InputError("not_found", `No content item '${id}' in this workspace.`, [
    { path: "id", code: "not_found", message: `no content '${id}'` },
  ]);
}
