import type { CustomerDataSql, PurgeStatement } from "../customer-data.ts";

/** The partition lock's first key, as PARTITION_LOCK_KEY in postgres-store.ts (not imported: that module imports this). */
const PARTITION_KEY = "hashtext('overture:' || coalesce(current_schema(), ''))";

/** $1, $2, $3 of every retention delete. */
const WCL: PurgeStatement["params"] = ["workspace", "cutoff", "limit"];

const OF_CUSTOMER = "i.workspace_id = ? AND i.customer_id = ?";
const FINISHED_DELIVERIES = `SELECT o.seq, o.key FROM outbox o JOIN instances i ON i.workspace_id = o.workspace_id AND i.id = o.instance_id
  WHERE o.workspace_id = $1 AND o.created_at < $2 AND o.status IN ('sent', 'dead', 'skipped')
  AND i.status IN ('completed', 'exited') ORDER BY o.seq LIMIT $3`;

/**
 * PostgreSQL's statements of the customer-data port. An erase holds the customer's partition lock, as an engine batch
 * does, so the two never interleave; the outbox is reached through the instances' ids (an action's key starts with
 * its instance id and ':', and ';' follows ':' in the "C" collation), as `outboxOf` does. A retention pass takes a
 * per-workspace advisory lock or skips: one worker purges a workspace at a time, and its deletes are idempotent.
 */
export const POSTGRES_CUSTOMER_DATA: CustomerDataSql = {
  lockPartition: `SELECT pg_advisory_xact_lock(${PARTITION_KEY}, ?::int)`,
  tryLockPurge:
    "SELECT 1 AS ok WHERE pg_try_advisory_xact_lock(hashtext('overture:retention:' || coalesce(current_schema(), '') || ':' || ?::text))",
  erase: [
    {
      kind: null,
      sql: "DELETE FROM event_queue WHERE (partition, at, seq) IN (SELECT partition, at, seq FROM events WHERE workspace_id = ? AND customer_id = ?)",
    },
    { kind: "events", sql: "DELETE FROM events WHERE workspace_id = ? AND customer_id = ?" },
    { kind: "deliveries", sql: "DELETE FROM deliveries WHERE workspace_id = ? AND customer_id = ?" },
    {
      kind: "outbox",
      sql: `DELETE FROM outbox o USING instances i WHERE ${OF_CUSTOMER} AND o.workspace_id = i.workspace_id
        AND o.key >= i.id || ':' AND o.key < i.id || ';' AND o.customer_id = i.customer_id`,
    },
    {
      kind: "history",
      sql: `DELETE FROM step_history h USING instances i WHERE ${OF_CUSTOMER} AND h.workspace_id = i.workspace_id AND h.instance_id = i.id`,
    },
    { kind: "instances", sql: "DELETE FROM instances WHERE workspace_id = ? AND customer_id = ?" },
    { kind: "profile", sql: "DELETE FROM customers WHERE workspace_id = ? AND id = ?" },
  ],
  purge: {
    events: {
      sql: `DELETE FROM events WHERE seq IN (SELECT e.seq FROM events e WHERE e.workspace_id = $1 AND e.at < $2
      AND NOT EXISTS (SELECT 1 FROM event_queue q WHERE q.partition = e.partition AND q.at = e.at AND q.seq = e.seq)
      ORDER BY e.seq LIMIT $3)`,
      params: WCL,
    },
    history: {
      sql: `DELETE FROM step_history WHERE seq IN (SELECT h.seq FROM instances i
      JOIN step_history h ON h.workspace_id = i.workspace_id AND h.instance_id = i.id
      WHERE i.workspace_id = $1 AND i.status IN ('completed', 'exited') AND h.at < $2 ORDER BY h.seq LIMIT $3)`,
      params: WCL,
    },
    deliveries: {
      sql: `DELETE FROM deliveries d USING (${FINISHED_DELIVERIES}) s WHERE d.workspace_id = $1 AND d.outbox_key = s.key`,
      params: WCL,
    },
    outbox: { sql: `DELETE FROM outbox WHERE seq IN (SELECT seq FROM (${FINISHED_DELIVERIES}) s)`, params: WCL },
  },
};
