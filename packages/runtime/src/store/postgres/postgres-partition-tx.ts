import type { CustomerEvent, Json } from "@overture/core";
import type { PoolClient } from "pg";
import { OUTBOX_CHANNEL } from "../../outbox/outbox-wake.ts";
import { eventFromRow, INSTANCE_COLUMNS, instanceFromRow } from "../rows.ts";
import { stepStats } from "../step-stats.ts";
import type { BatchWrite, EntryStat, EventRow, PartitionTx, StoredInstance } from "../store.ts";
import { historyRows, instanceRows, outboxRows, profileRows } from "./batch-rows.ts";
import { rollupRows, upsertRollupsSql } from "./postgres-rollups.ts";

type Row = Record<string, unknown>;

/**
 * The statements of a partition batch, prepared once per connection (named) so the server plans them once.
 * Every read takes its keys as one array and every write is one multi-row statement, so a batch costs a handful of
 * round trips whatever its size.
 *
 * Plans must not depend on table statistics: a database may run without autovacuum (the CI one does), and then
 * the planner's default estimates favour instances_step (workspace, status) over instances_customer for
 * `customer_id = ANY($n)`, scanning every instance of the workspace and comparing each with every key (0.9 s for
 * 1,000 customers over 16,000 instances). Lookups by a non-unique key therefore probe the index once per key.
 */
const SQL = {
  // Per locked partition, its oldest due rows (one index range each); a customer lives in one partition, so no
  // order across partitions is needed.
  pendingEvents: `SELECT e.* FROM unnest($1::int[]) AS p(n),
    LATERAL (SELECT partition, at, seq FROM event_queue WHERE partition = p.n AND at <= $2 ORDER BY at, seq LIMIT $3) AS q
    JOIN events e ON e.seq = q.seq
    ORDER BY q.partition, q.at, q.seq`,
  due: `SELECT i.* FROM unnest($1::int[]) AS p(n),
    LATERAL (SELECT ${INSTANCE_COLUMNS} FROM instances WHERE partition = p.n AND wake_at <= $2 ORDER BY wake_at LIMIT $3) AS i`,
  // One index probe per customer (instances_customer); OFFSET 0 keeps the planner from turning it into a scan, see above.
  // entryStats filters the journeys outside the probe: given `journey_id` inside it, default estimates chose
  // instances_step (workspace, journey) and read every instance of the journey once per customer (5.8 s a call).
  live: `SELECT i.* FROM unnest($2::text[]) AS c(id),
    LATERAL (SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = $1 AND customer_id = c.id AND status IN ('active', 'waiting') OFFSET 0) AS i`,
  entryStats: `SELECT i.customer_id, i.journey_id, count(*) AS n, max(i.entered_at) AS last, bool_or(i.status IN ('active', 'waiting')) AS live
    FROM unnest($2::text[]) AS c(id),
      LATERAL (SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = $1 AND customer_id = c.id OFFSET 0) AS i
    WHERE i.journey_id = ANY($3::text[])
    GROUP BY i.customer_id, i.journey_id`,
  attributes: "SELECT id, attributes FROM customers WHERE workspace_id = $1 AND id = ANY($2::text[])",
  // One index range per customer (events_customer), newest first, in one round trip for the whole batch.
  customerEvents: `SELECT e.* FROM unnest($2::text[]) AS c(id),
    LATERAL (SELECT * FROM events WHERE workspace_id = $1 AND customer_id = c.id AND name = ANY($3::text[]) ORDER BY at DESC, seq DESC LIMIT $4) AS e`,
  // The whole batch in one statement (data-modifying CTEs all run, on different tables): instances, history (one row per wake-up), outbox,
  // processed events. $1–$3 are JSON arrays of rows (see batch-rows.ts).
  write: `WITH
    instances_written AS (
      INSERT INTO instances (workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at)
      SELECT w, id, j, v, c, e, s, st, state, wu, wu, p, ea, ua
      FROM jsonb_to_recordset($1::jsonb) AS x(w text, id text, j text, v int, c text, e int, s text, st text, state jsonb, wu bigint, p int, ea bigint, ua bigint)
      ON CONFLICT (workspace_id, id) DO UPDATE SET status = excluded.status, step_id = excluded.step_id, state = excluded.state,
        wait_until = excluded.wait_until, wake_at = excluded.wake_at, updated_at = excluded.updated_at),
    history_written AS (
      INSERT INTO step_history (workspace_id, instance_id, at, goals, steps)
      SELECT w, i, a, g, s
      FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (w text, i text, a bigint, g int, s jsonb)) WITH ORDINALITY AS x(w, i, a, g, s, n)
      ORDER BY n),
    -- A row whose key is stored already (a replayed batch) is skipped. NOT EXISTS rather than ON CONFLICT DO NOTHING:
    -- the speculative insertion behind ON CONFLICT wrote a fifth of the outbox's WAL records. The partition's lock
    -- keeps two transactions from writing one key at once; batch-rows.ts leaves one row per key in the batch.
    outbox_written AS (
      INSERT INTO outbox (workspace_id, key, instance_id, journey_id, version, step_id, customer_id, channel, payload, status, next_attempt_at, created_at)
      SELECT w, k, i, j, v, st, c, ch, p, 'pending', na, ca
      FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (w text, k text, i text, j text, v int, st text, c text, ch text, p jsonb, na bigint, ca bigint))
        WITH ORDINALITY AS x(w, k, i, j, v, st, c, ch, p, na, ca, n)
      WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.workspace_id = x.w AND o.key = x.k)
      ORDER BY n),
    stats_written AS (
      INSERT INTO step_stats (workspace_id, journey_id, version, step_id, kind, outcome, hour, shard, n)
      SELECT w, j, v, st, k, o, h, $6, n FROM jsonb_to_recordset($5::jsonb) AS x(w text, j text, v int, st text, k text, o text, h bigint, n bigint)
      ON CONFLICT (workspace_id, journey_id, version, step_id, kind, outcome, hour, shard) DO UPDATE SET n = step_stats.n + excluded.n),
    -- Processed events leave the queue by its key: $4, $7 and $8 are the partitions, times and seqs of the ones this
    -- transaction handed out. Looking them up in events by seq instead made the planner hash-join a scan of both
    -- tables once a batch held about a thousand events, a cost that grew with every event ever stored.
    events_processed AS (
      DELETE FROM event_queue q USING unnest($4::int[], $7::bigint[], $8::bigint[]) AS x(p, a, s)
      WHERE q.partition = x.p AND q.at = x.a AND q.seq = x.s),
    -- $9: seqs of events this transaction did not read (none from the engine), found through events.
    other_events_processed AS (
      DELETE FROM event_queue q USING events e
      WHERE e.seq = ANY($9::bigint[]) AND q.partition = e.partition AND q.at = e.at AND q.seq = e.seq)
    -- $10: outbox rows were written. The NOTIFY is delivered at COMMIT, when they are visible: dispatchers in every
    -- process wake (outbox-wake.ts). Notifications alike within one transaction are sent once.
    SELECT pg_notify('${OUTBOX_CHANNEL}', current_schema()) WHERE $10::boolean`,
  // Profile updates may name customers without a row yet: create them, then merge into every row in one pass.
  createCustomers: `INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at)
    SELECT w, c, '{}', a, a FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (w text, c text, a bigint)) WITH ORDINALITY AS x(w, c, a, n) ORDER BY n
    ON CONFLICT DO NOTHING`,
  mergeProfiles: `UPDATE customers SET attributes = (customers.attributes || x.s) - x.u, updated_at = x.a
    FROM jsonb_to_recordset($1::jsonb) AS x(w text, c text, s jsonb, u text[], a bigint)
    WHERE customers.workspace_id = x.w AND customers.id = x.c`,
} as const;

/** The locked partitions' reads and writes, inside the transaction PostgresStore.withPartitions opened on `client`. Limits are per partition. */
export class PostgresPartitionTx implements PartitionTx {
  constructor(
    private readonly client: PoolClient,
    private readonly partitions: number[],
  ) {}

  /** Where each event this tx handed out waits in the queue (its primary key), to take it off when processed. */
  private readonly queued = new Map<number, { partition: number; at: number }>();

  private async rows(name: keyof typeof SQL, values: unknown[]): Promise<Row[]> {
    const result = await this.client.query<Row>({ name: `overture_${name}`, text: SQL[name], values });
    return result.rows;
  }

  async pendingEvents(now: number, limit: number): Promise<EventRow[]> {
    return (await this.rows("pendingEvents", [this.partitions, now, limit])).map((r) => {
      const seq = Number(r.seq);
      this.queued.set(seq, { partition: Number(r.partition), at: Number(r.at) });
      return { ...eventFromRow(r), workspaceId: r.workspace_id as string, seq, receivedAt: Number(r.received_at) };
    });
  }

  async dueInstances(now: number, limit: number): Promise<StoredInstance[]> {
    return (await this.rows("due", [this.partitions, now, limit])).map(instanceFromRow);
  }

  async liveInstancesOf(workspaceId: string, customerIds: string[]): Promise<StoredInstance[]> {
    if (customerIds.length === 0) return [];
    return (await this.rows("live", [workspaceId, [...new Set(customerIds)]])).map(instanceFromRow);
  }

  async entryStats(workspaceId: string, customerIds: string[], journeyIds: string[]): Promise<EntryStat[]> {
    if (journeyIds.length === 0 || customerIds.length === 0) return [];
    return (await this.rows("entryStats", [workspaceId, [...new Set(customerIds)], journeyIds])).map((r) => ({
      customerId: r.customer_id as string,
      journeyId: r.journey_id as string,
      count: Number(r.n),
      lastEnteredAt: r.last === null ? null : Number(r.last),
      active: r.live === true,
    }));
  }

  async customerAttributes(workspaceId: string, customerIds: string[]): Promise<Map<string, Record<string, Json>>> {
    const out = new Map<string, Record<string, Json>>(customerIds.map((id) => [id, {}]));
    if (customerIds.length === 0) return out;
    for (const r of await this.rows("attributes", [workspaceId, customerIds]))
      out.set(r.id as string, r.attributes as Record<string, Json>);
    return out;
  }

  async customerEvents(
    workspaceId: string,
    customerIds: string[],
    names: string[],
    limit: number,
  ): Promise<Map<string, CustomerEvent[]>> {
    const out = new Map<string, CustomerEvent[]>(customerIds.map((id) => [id, []]));
    if (names.length === 0 || customerIds.length === 0) return out;
    // Rows come newest first per customer: unshift keeps each list oldest first.
    for (const r of await this.rows("customerEvents", [workspaceId, [...out.keys()], names, limit]))
      out.get(r.customer_id as string)?.unshift(eventFromRow(r));
    return out;
  }

  async write(batch: BatchWrite): Promise<void> {
    const { instances, history, outbox, processedEvents } = batch;
    if (instances.length + history.length + outbox.length + processedEvents.length > 0) {
      const queue = { partitions: [] as number[], ats: [] as number[], seqs: [] as number[], others: [] as number[] };
      for (const seq of processedEvents) {
        const place = this.queued.get(seq);
        if (!place) {
          queue.others.push(seq);
          continue;
        }
        queue.partitions.push(place.partition);
        queue.ats.push(place.at);
        queue.seqs.push(seq);
      }
      await this.rows("write", [
        instanceRows(instances),
        historyRows(history),
        outboxRows(outbox),
        queue.partitions,
        JSON.stringify(stepStats(history)),
        Math.min(...this.partitions),
        queue.ats,
        queue.seqs,
        queue.others,
        outbox.length > 0,
      ]);
    }
    // Apart from the batch's statement: only batches that converted someone or took engagement events have any.
    if (batch.rollups && batch.rollups.length > 0)
      await this.client.query({
        name: "overture_rollups",
        text: upsertRollupsSql,
        values: [rollupRows(batch.rollups), Math.min(...this.partitions)],
      });
    if (batch.profileUpdates.length > 0) {
      const rows = profileRows(batch.profileUpdates);
      await this.rows("createCustomers", [rows]);
      await this.rows("mergeProfiles", [rows]);
    }
  }
}
