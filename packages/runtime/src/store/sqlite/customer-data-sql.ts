import type { CustomerDataSql } from "../customer-data.ts";

const OF_CUSTOMER = "SELECT iid FROM instances WHERE workspace_id = ? AND customer_id = ?";
const FINISHED_DELIVERIES = `SELECT o.seq, o.key FROM outbox o JOIN instances i ON i.iid = o.instance_iid
  WHERE o.workspace_id = ? AND o.created_at < ? AND o.status IN ('sent', 'dead', 'skipped')
  AND i.status IN ('completed', 'exited') ORDER BY o.seq LIMIT ?`;

/**
 * SQLite's statements of the customer-data port. The history and the outbox hang off the instances' `iid`, whose
 * indexes answer; deliveries are found by customer (the delivery policy's index on them, when set up, answers too).
 * No locks: one connection writes, and the engine's batches go through the same `exclusive` queue.
 */
export const SQLITE_CUSTOMER_DATA: CustomerDataSql = {
  lockPartition: null,
  tryLockPurge: null,
  erase: [
    {
      kind: null,
      sql: "DELETE FROM event_queue WHERE (partition, at, seq) IN (SELECT partition, at, seq FROM events WHERE workspace_id = ? AND customer_id = ?)",
    },
    { kind: "events", sql: "DELETE FROM events WHERE workspace_id = ? AND customer_id = ?" },
    { kind: "deliveries", sql: "DELETE FROM deliveries WHERE workspace_id = ? AND customer_id = ?" },
    { kind: "outbox", sql: `DELETE FROM outbox WHERE instance_iid IN (${OF_CUSTOMER})` },
    { kind: "history", sql: `DELETE FROM step_history WHERE instance_iid IN (${OF_CUSTOMER})` },
    { kind: "instances", sql: "DELETE FROM instances WHERE workspace_id = ? AND customer_id = ?" },
    { kind: "profile", sql: "DELETE FROM customers WHERE workspace_id = ? AND id = ?" },
  ],
  purge: {
    events: {
      sql: `DELETE FROM events WHERE seq IN (SELECT e.seq FROM events e WHERE e.workspace_id = ? AND e.at < ?
      AND NOT EXISTS (SELECT 1 FROM event_queue q WHERE q.partition = e.partition AND q.at = e.at AND q.seq = e.seq)
      ORDER BY e.seq LIMIT ?)`,
      params: ["workspace", "cutoff", "limit"],
    },
    history: {
      sql: `DELETE FROM step_history WHERE seq IN (SELECT h.seq FROM instances i JOIN step_history h ON h.instance_iid = i.iid
      WHERE i.workspace_id = ? AND i.status IN ('completed', 'exited') AND h.at < ? ORDER BY h.seq LIMIT ?)`,
      params: ["workspace", "cutoff", "limit"],
    },
    deliveries: {
      sql: `DELETE FROM deliveries WHERE workspace_id = ? AND outbox_key IN (SELECT key FROM (${FINISHED_DELIVERIES}))`,
      params: ["workspace", "workspace", "cutoff", "limit"],
    },
    outbox: {
      sql: `DELETE FROM outbox WHERE seq IN (SELECT seq FROM (${FINISHED_DELIVERIES}))`,
      params: ["workspace", "cutoff", "limit"],
    },
  },
};
