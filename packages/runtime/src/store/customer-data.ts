import type { Json } from "@overture/core";
import { json, num } from "./rows.ts";
import type { SqlRunner } from "./sql-runner.ts";

/** How many rows of each kind the engine's tables held for an erased customer (docs/decisions/0036). */
export type ErasedRuntimeRows = {
  profile: number;
  events: number;
  instances: number;
  history: number;
  outbox: number;
  deliveries: number;
};

/** A customer's events and delivery facts as the export shows them (instances and outbox rows have their own reads). */
export type CustomerDataRows = {
  events: Array<{ id: string; name: string; properties: Record<string, Json>; at: number; receivedAt: number }>;
  deliveries: Array<{ outboxKey: string; channel: string; status: string; detail: Json; at: number }>;
};

/**
 * What retention deletes, each kind before its own cutoff (ms since the epoch; null: kept): processed events, the
 * history of finished instances, and the finished delivery records (outbox rows and their facts) of finished instances.
 */
export type RetentionCutoffs = { events: number | null; history: number | null; deliveries: number | null };

/** How many rows one retention pass deleted; null when another worker held the workspace's purge (PostgreSQL). */
export type PurgedRows = { events: number; history: number; deliveries: number; outbox: number };

/**
 * Customers' data rights on the engine's tables: erase, export, tombstones and retention. A port of its own on the
 * store (`store.customerData`), so the store's interface grows by one line; the SQL is each dialect's.
 */
export type CustomerData = {
  /**
   * Deletes every engine row of the customer and leaves a tombstone, in one transaction that holds the customer's
   * partition (so an engine batch never writes the instance back half-way). Idempotent: an unknown customer counts 0.
   */
  erase(workspaceId: string, customerId: string, partition: number, now: number): Promise<ErasedRuntimeRows>;
  /** The customer's events (oldest first) and delivery facts (in order). */
  rows(workspaceId: string, customerId: string): Promise<CustomerDataRows>;
  /** The ids among `customerIds` that carry a tombstone: one indexed lookup for a whole ingestion batch. */
  tombstoned(workspaceId: string, customerIds: readonly string[]): Promise<Set<string>>;
  /** Lifts the tombstone (the customer was identified again); true when there was one. */
  lift(workspaceId: string, customerId: string): Promise<boolean>;
  /** Deletes at most `limit` rows of each kind older than its cutoff; null when another worker is purging it. */
  purge(workspaceId: string, cutoffs: RetentionCutoffs, limit: number): Promise<PurgedRows | null>;
};

/** One dialect's statements (`?` placeholders); each takes its parameters in the order its doc says. */
export type CustomerDataSql = {
  /** Holds the customer's partition until the transaction ends; params (partition). Null on SQLite (one writer). */
  lockPartition: string | null;
  /** Takes the workspace's retention purge or answers no row; params (workspaceId). Null on SQLite. */
  tryLockPurge: string | null;
  /** Erase statements in order, each with the kind it counts (null: not counted); params (workspaceId, customerId). */
  erase: Array<{ kind: keyof ErasedRuntimeRows | null; sql: string }>;
  /** Retention deletes, each with its parameters in order. `deliveries` runs before `outbox` (same selection). */
  purge: Record<"events" | "history" | "deliveries" | "outbox", PurgeStatement>;
};

/** A retention delete and the order of its parameters (SQLite repeats a `?` where PostgreSQL reuses `$1`). */
export type PurgeStatement = { sql: string; params: Array<"workspace" | "cutoff" | "limit"> };

const CHUNK = 500;

/** The port over a store's SqlRunner and its dialect's statements. */
export function createCustomerData(sql: SqlRunner, q: CustomerDataSql): CustomerData {
  return {
    erase: (workspaceId, customerId, partition, now) =>
      sql.transaction(async (tx) => {
        if (q.lockPartition) await tx.all(q.lockPartition, [partition]);
        await tx.run(
          `INSERT INTO customer_tombstones (workspace_id, customer_id, erased_at) VALUES (?, ?, ?)
           ON CONFLICT (workspace_id, customer_id) DO UPDATE SET erased_at = excluded.erased_at`,
          [workspaceId, customerId, now],
        );
        const counts: ErasedRuntimeRows = { profile: 0, events: 0, instances: 0, history: 0, outbox: 0, deliveries: 0 };
        for (const step of q.erase) {
          const n = await tx.run(step.sql, [workspaceId, customerId]);
          if (step.kind) counts[step.kind] += n;
        }
        return counts;
      }),
    async rows(workspaceId, customerId) {
      const events = await sql.all(
        "SELECT id, name, properties, at, received_at FROM events WHERE workspace_id = ? AND customer_id = ? ORDER BY at, seq",
        [workspaceId, customerId],
      );
      const deliveries = await sql.all(
        "SELECT outbox_key, channel, status, detail, at FROM deliveries WHERE workspace_id = ? AND customer_id = ? ORDER BY seq",
        [workspaceId, customerId],
      );
      return {
        events: events.map((r) => ({
          id: r.id as string,
          name: r.name as string,
          properties: json<Record<string, Json>>(r.properties),
          at: num(r.at),
          receivedAt: num(r.received_at),
        })),
        deliveries: deliveries.map((r) => ({
          outboxKey: r.outbox_key as string,
          channel: r.channel as string,
          status: r.status as string,
          detail: json<Json>(r.detail),
          at: num(r.at),
        })),
      };
    },
    async tombstoned(workspaceId, customerIds) {
      const found = new Set<string>();
      const ids = [...new Set(customerIds)];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = await sql.all<{ customer_id: string }>(
          `SELECT customer_id FROM customer_tombstones WHERE workspace_id = ? AND customer_id IN (${chunk.map(() => "?").join(", ")})`,
          [workspaceId, ...chunk],
        );
        for (const r of rows) found.add(r.customer_id);
      }
      return found;
    },
    lift: async (workspaceId, customerId) =>
      (await sql.run("DELETE FROM customer_tombstones WHERE workspace_id = ? AND customer_id = ?", [
        workspaceId,
        customerId,
      ])) > 0,
    purge: (workspaceId, cutoffs, limit) =>
      sql.transaction(async (tx) => {
        if (q.tryLockPurge && (await tx.all(q.tryLockPurge, [workspaceId])).length === 0) return null;
        const run = (statement: PurgeStatement, cutoff: number | null) =>
          cutoff === null
            ? Promise.resolve(0)
            : tx.run(
                statement.sql,
                statement.params.map((p) => (p === "workspace" ? workspaceId : p === "cutoff" ? cutoff : limit)),
              );
        return {
          events: await run(q.purge.events, cutoffs.events),
          history: await run(q.purge.history, cutoffs.history),
          deliveries: await run(q.purge.deliveries, cutoffs.deliveries),
          outbox: await run(q.purge.outbox, cutoffs.deliveries),
        };
      }),
  };
}
