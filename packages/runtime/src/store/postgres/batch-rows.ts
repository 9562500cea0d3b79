import type { Json } from "@overture/core";
import { encodeSteps, goalsOf } from "../history.ts";
import { partitionOf } from "../partition.ts";
import { instanceState } from "../rows.ts";
import type { HistoryRow, NewOutboxRow, ProfileUpdate, StoredInstance } from "../store.ts";

/**
 * Turns a partition batch into one JSON parameter per kind of row, read on the server with `jsonb_to_recordset`, so
 * each kind is written by a single statement however many rows the batch has. Measured here, one JSON array costs
 * about a third of what one array parameter per column does (node-pg quotes every element of a text[] in
 * JavaScript; the server parses ten arrays and unnests them through tuplestores). The parameter is cast to jsonb,
 * not json: `json_to_recordset` parses the text twice (to check it, then to extract) and once more for each jsonb
 * column, which made the outbox's 15,000 rows of a batch cost 400 ms to read; jsonb parses once (150 ms).
 */

/** The last item for each key, in the order of first appearance: one multi-row upsert may touch a row only once. */
export function lastByKey<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

/** `JSON.stringify(fields)` with one more member whose value is already JSON text (not encoded a second time). */
function withJsonMember(fields: Record<string, unknown>, key: string, json: string): string {
  const head = JSON.stringify(fields);
  return `${head.slice(0, -1)}${head.length > 2 ? "," : ""}"${key}":${json}}`;
}

/** Rows of the instance upsert (see SQL.upsertInstances for the keys). */
export function instanceRows(instances: StoredInstance[]): string {
  const list = lastByKey(instances, (s) => `${s.workspaceId}\u0000${s.instance.id}`);
  const rows = list.map(({ workspaceId, instance: i }) =>
    withJsonMember(
      {
        w: workspaceId,
        id: i.id,
        j: i.journeyId,
        v: i.version,
        c: i.customerId,
        e: i.entry,
        s: i.status,
        st: i.stepId,
        wu: i.waiting?.until ?? null,
        p: partitionOf(workspaceId, i.customerId),
        ea: i.enteredAt,
        ua: i.updatedAt,
      },
      "state",
      instanceState(i),
    ),
  );
  return `[${rows.join(",")}]`;
}

/** Rows of the history insert, in batch order (their seq orders a customer's history); `s` is the steps' JSON as stored. */
export function historyRows(history: HistoryRow[]): string {
  const rows = history.map((h) =>
    withJsonMember({ w: h.workspaceId, i: h.instanceId, a: h.at, g: goalsOf(h.steps) }, "s", encodeSteps(h.steps)),
  );
  return `[${rows.join(",")}]`;
}

/** The first item for each key, in order: what ON CONFLICT DO NOTHING keeps when one statement repeats a key. */
export function firstByKey<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (!byKey.has(k)) byKey.set(k, item);
  }
  return [...byKey.values()];
}

/** Rows of the outbox insert, in batch order (their seq is the dispatch order), one per key. */
export function outboxRows(outbox: NewOutboxRow[]): string {
  return JSON.stringify(
    firstByKey(outbox, (o) => `${o.workspaceId}\u0000${o.key}`).map((o) => ({
      w: o.workspaceId,
      k: o.key,
      i: o.instanceId,
      j: o.journeyId,
      v: o.version,
      st: o.stepId,
      c: o.customerId,
      ch: o.channel,
      p: o.payload,
      na: o.nextAttemptAt,
      ca: o.createdAt,
    })),
  );
}

/**
 * Folds a customer's successive profile updates into one, so a single statement applies them: applying
 * (set1, unset1) then (set2, unset2) equals applying set = ((set1 − unset1) + set2) − unset2, unset = (unset1 + unset2) − set.
 * The result is sorted by customer so concurrent writers lock customer rows in the same order.
 */
export function foldProfileUpdates(updates: ProfileUpdate[]): ProfileUpdate[] {
  const byCustomer = new Map<string, ProfileUpdate>();
  for (const u of updates) {
    const key = `${u.workspaceId}\u0000${u.customerId}`;
    const before = byCustomer.get(key);
    const set: Record<string, Json> = { ...before?.set, ...u.set };
    for (const k of u.unset) delete set[k];
    const unset = [...new Set([...(before?.unset ?? []), ...u.unset])].filter((k) => !(k in set));
    byCustomer.set(key, { workspaceId: u.workspaceId, customerId: u.customerId, set, unset, at: u.at });
  }
  return [...byCustomer.values()].sort(compareCustomers);
}

/** Rows of the profile merge: workspace, customer, attributes to set, keys to remove, time. */
export function profileRows(updates: ProfileUpdate[]): string {
  return JSON.stringify(
    foldProfileUpdates(updates).map((u) => ({ w: u.workspaceId, c: u.customerId, s: u.set, u: u.unset, a: u.at })),
  );
}

/** Orders by workspace, then customer id. */
export function compareCustomers(
  a: { workspaceId: string; customerId: string },
  b: { workspaceId: string; customerId: string },
): number {
  return compareText(a.workspaceId, b.workspaceId) || compareText(a.customerId, b.customerId);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
