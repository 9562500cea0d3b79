import type { Json } from "@overture/core";
import { partitionOf } from "../partition.ts";
import { instanceState } from "../rows.ts";
import type { NewOutboxRow, ProfileUpdate, StoredInstance, TransitionRow } from "../store.ts";

/**
 * Turns a partition batch into column arrays, one SQL parameter per column, so each kind of row is written with a
 * single `INSERT … SELECT … FROM unnest(…)` however many rows the batch has.
 */

/** The last item for each key, in the order of first appearance: one multi-row upsert may touch a row only once. */
export function lastByKey<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

/** Column arrays of the instance upsert: workspace, id, journey, version, customer, entry, status, step, state, wait until, partition, entered, updated. */
export function instanceUpsertColumns(instances: StoredInstance[]): unknown[][] {
  const list = lastByKey(instances, (s) => `${s.workspaceId}\u0000${s.instance.id}`);
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const { workspaceId, instance: i } of list) {
    const row = [
      workspaceId,
      i.id,
      i.journeyId,
      i.version,
      i.customerId,
      i.entry,
      i.status,
      i.stepId,
      instanceState(i),
      i.waiting?.until ?? null,
      partitionOf(workspaceId, i.customerId),
      i.enteredAt,
      i.updatedAt,
    ];
    for (let c = 0; c < row.length; c++) cols[c]!.push(row[c]);
  }
  return cols;
}

/** Column arrays of the transition insert, in batch order (their seq orders a customer's history). */
export function transitionColumns(transitions: TransitionRow[]): unknown[][] {
  const cols: unknown[][] = Array.from({ length: 10 }, () => []);
  for (const t of transitions) {
    const row = [t.workspaceId, t.instanceId, t.journeyId, t.version, t.customerId, t.stepId, t.kind, t.outcome, t.reason, t.at];
    for (let c = 0; c < row.length; c++) cols[c]!.push(row[c]);
  }
  return cols;
}

/** Column arrays of the outbox insert, in batch order (their seq is the dispatch order). */
export function outboxColumns(outbox: NewOutboxRow[]): unknown[][] {
  const cols: unknown[][] = Array.from({ length: 11 }, () => []);
  for (const o of outbox) {
    const row = [
      o.workspaceId,
      o.key,
      o.instanceId,
      o.journeyId,
      o.version,
      o.stepId,
      o.customerId,
      o.channel,
      JSON.stringify(o.payload),
      o.nextAttemptAt,
      o.createdAt,
    ];
    for (let c = 0; c < row.length; c++) cols[c]!.push(row[c]);
  }
  return cols;
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
    if (!before) {
      const set = { ...u.set };
      for (const k of u.unset) delete set[k];
      byCustomer.set(key, { ...u, set, unset: [...new Set(u.unset)] });
      continue;
    }
    const set: Record<string, Json> = { ...before.set, ...u.set };
    for (const k of u.unset) delete set[k];
    const unset = [...new Set([...before.unset, ...u.unset])].filter((k) => !(k in set));
    byCustomer.set(key, { workspaceId: u.workspaceId, customerId: u.customerId, set, unset, at: u.at });
  }
  return [...byCustomer.values()].sort(compareCustomers);
}

/** Orders by workspace, then customer id, in byte order like the "C" collation. */
export function compareCustomers(a: { workspaceId: string; customerId: string }, b: { workspaceId: string; customerId: string }): number {
  return compareText(a.workspaceId, b.workspaceId) || compareText(a.customerId, b.customerId);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
