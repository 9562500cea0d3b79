import { partitionOf } from "../partition.ts";
import type { NewEvent } from "../store.ts";
import type { Query } from "./postgres-reads.ts";

/** Event ingestion on PostgreSQL: a batch in one statement, duplicates ignored, new events queued for matching, unseen customers given a profile. */
export async function insertEvents(query: Query, partitions: number, events: NewEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({
    w: e.workspaceId,
    id: e.id,
    c: e.customerId,
    name: e.name,
    p: e.properties,
    at: e.at,
    r: e.receivedAt,
    part: partitionOf(e.workspaceId, e.customerId, partitions),
  }));
  // Events may name customers the API never saw: each new one gets an empty profile, created at its first new event.
  const [row] = await query(
    `WITH inserted AS (
       INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition)
       SELECT w, id, c, name, p, at, r, part
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (w text, id text, c text, name text, p jsonb, at bigint, r bigint, part int))
         WITH ORDINALITY AS x(w, id, c, name, p, at, r, part, n)
       ORDER BY n
       ON CONFLICT (workspace_id, id) DO NOTHING
       RETURNING seq, workspace_id, customer_id, received_at, partition, at),
     queued AS (INSERT INTO event_queue (partition, at, seq) SELECT partition, at, seq FROM inserted),
     customers AS (
       INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at)
       SELECT workspace_id, customer_id, '{}', received_at, received_at
       FROM (SELECT DISTINCT ON (workspace_id, customer_id) * FROM inserted ORDER BY workspace_id, customer_id, seq) AS first
       ORDER BY workspace_id, customer_id
       ON CONFLICT DO NOTHING)
     SELECT count(*) AS n FROM inserted`,
    [JSON.stringify(rows)],
  );
  return Number(row?.n ?? 0);
}
