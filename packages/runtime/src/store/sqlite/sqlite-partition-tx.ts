import type { CustomerEvent, Json } from "@overture/core";
import type Database from "better-sqlite3";
import { encodeSteps, goalsOf } from "../history.ts";
import { partitionOf } from "../partition.ts";
import { eventFromRow, INSTANCE_COLUMNS, instanceFromRow, instanceState, json, mergeAttributes } from "../rows.ts";
import { stepStats } from "../step-stats.ts";
import type { BatchWrite, EntryStat, EventRow, PartitionTx, StoredInstance } from "../store.ts";
import { MultiRowInsert } from "./multi-row-insert.ts";
import { writeRollups } from "./sqlite-rollups.ts";

type Row = Record<string, unknown>;

function statements(db: Database.Database) {
  return {
    pendingEvents: db.prepare(
      "SELECT e.* FROM event_queue q JOIN events e ON e.seq = q.seq WHERE q.partition = ? AND q.at <= ? ORDER BY q.at, q.seq LIMIT ?",
    ),
    due: db.prepare(
      `SELECT iid, ${INSTANCE_COLUMNS} FROM instances WHERE partition = ? AND wake_at <= ? ORDER BY wake_at LIMIT ?`,
    ),
    updateInstance: db.prepare(
      "UPDATE instances SET status = ?, step_id = ?, state = ?, wait_until = ?, wake_at = ?, updated_at = ? WHERE iid = ?",
    ),
    insertInstance: db.prepare(
      `INSERT INTO instances (workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    upsertInstance: db
      .prepare(
        `INSERT INTO instances (workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, id) DO UPDATE SET status = excluded.status, step_id = excluded.step_id, state = excluded.state,
         wait_until = excluded.wait_until, wake_at = excluded.wake_at, updated_at = excluded.updated_at
       RETURNING iid`,
      )
      .pluck(),
    iid: db.prepare("SELECT iid FROM instances WHERE workspace_id = ? AND id = ?").pluck(),
    history: new MultiRowInsert(db, "INSERT INTO step_history (workspace_id, instance_iid, at, goals, steps)", 5),
    outbox: new MultiRowInsert(
      db,
      "INSERT INTO outbox (workspace_id, key, instance_iid, instance_id, journey_id, version, step_id, customer_id, channel, payload, status, next_attempt_at, created_at)",
      13,
      "ON CONFLICT DO NOTHING",
    ),
    stat: db.prepare(
      `INSERT INTO step_stats (workspace_id, journey_id, version, step_id, kind, outcome, hour, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    ),
    processed: db.prepare("DELETE FROM event_queue WHERE partition = ? AND at = ? AND seq = ?"),
    queued: db.prepare("SELECT partition, at FROM events WHERE seq = ?"),
    attributes: db.prepare("SELECT attributes FROM customers WHERE workspace_id = ? AND id = ?").pluck(),
    upsertCustomer: db.prepare(
      "INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at",
    ),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof statements>>();

function prepared(db: Database.Database) {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  return s;
}

/** The reads and writes of the locked partitions, inside the transaction SqliteStore.withPartitions opened. Limits are per partition. */
export class SqlitePartitionTx implements PartitionTx {
  private readonly s: ReturnType<typeof statements>;
  /** Where each event this tx handed out waits in the queue (its primary key), to take it off when processed. */
  private readonly queued = new Map<number, { partition: number; at: number }>();
  /** The integer id of each instance this tx read: a write updates the row by it, without a lookup by text id. */
  private readonly known = new Map<string, number>();
  constructor(
    private readonly db: Database.Database,
    private readonly partitions: number[],
  ) {
    this.s = prepared(db);
  }

  async pendingEvents(now: number, limit: number): Promise<EventRow[]> {
    return (this.partitions.flatMap((p) => this.s.pendingEvents.all(p, now, limit)) as Row[]).map((r) => {
      this.queued.set(Number(r.seq), { partition: Number(r.partition), at: Number(r.at) });
      // Field by field rather than `{ ...eventFromRow(r), more }`, which is ~30× slower on Node 20 (docs/benchmarks.md).
      const e = eventFromRow(r);
      return {
        id: e.id,
        name: e.name,
        customerId: e.customerId,
        properties: e.properties,
        at: e.at,
        workspaceId: r.workspace_id as string,
        seq: Number(r.seq),
        receivedAt: Number(r.received_at),
      };
    });
  }

  async dueInstances(now: number, limit: number): Promise<StoredInstance[]> {
    return (this.partitions.flatMap((p) => this.s.due.all(p, now, limit)) as Row[]).map((r) => this.remember(r));
  }

  private remember(r: Row): StoredInstance {
    const stored = instanceFromRow(r);
    this.known.set(instanceKey(stored.workspaceId, stored.instance.id), r.iid as number);
    return stored;
  }

  async liveInstancesOf(workspaceId: string, customerIds: string[]): Promise<StoredInstance[]> {
    const out: StoredInstance[] = [];
    for (const chunk of chunks(customerIds, 500)) {
      const marks = chunk.map(() => "?").join(",");
      const rows = this.db
        .prepare(
          `SELECT iid, ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = ? AND customer_id IN (${marks}) AND status IN ('active', 'waiting')`,
        )
        .all(workspaceId, ...chunk) as Row[];
      for (const r of rows) out.push(this.remember(r));
    }
    return out;
  }

  async entryStats(workspaceId: string, customerIds: string[], journeyIds: string[]): Promise<EntryStat[]> {
    if (journeyIds.length === 0) return [];
    const out: EntryStat[] = [];
    const jmarks = journeyIds.map(() => "?").join(",");
    for (const chunk of chunks(customerIds, 500)) {
      const marks = chunk.map(() => "?").join(",");
      const rows = this.db
        .prepare(
          `SELECT customer_id, journey_id, count(*) AS n, max(entered_at) AS last, sum(CASE WHEN status IN ('active', 'waiting') THEN 1 ELSE 0 END) AS live
           FROM instances WHERE workspace_id = ? AND customer_id IN (${marks}) AND journey_id IN (${jmarks}) GROUP BY customer_id, journey_id`,
        )
        .all(workspaceId, ...chunk, ...journeyIds) as Row[];
      for (const r of rows) {
        out.push({
          customerId: r.customer_id as string,
          journeyId: r.journey_id as string,
          count: Number(r.n),
          lastEnteredAt: r.last === null ? null : Number(r.last),
          active: Number(r.live) > 0,
        });
      }
    }
    return out;
  }

  async customerAttributes(workspaceId: string, customerIds: string[]): Promise<Map<string, Record<string, Json>>> {
    const out = new Map<string, Record<string, Json>>();
    for (const id of customerIds) {
      const text = this.s.attributes.get(workspaceId, id) as string | undefined;
      out.set(id, text ? json(text) : {});
    }
    return out;
  }

  async customerEvents(
    workspaceId: string,
    customerIds: string[],
    names: string[],
    limit: number,
  ): Promise<Map<string, CustomerEvent[]>> {
    const out = new Map<string, CustomerEvent[]>(customerIds.map((id) => [id, []]));
    if (names.length === 0) return out;
    // One index range per customer (events_customer): SQLite runs them in-process, so a loop costs no round trips.
    const marks = names.map(() => "?").join(",");
    const statement = this.db.prepare(
      `SELECT * FROM events WHERE workspace_id = ? AND customer_id = ? AND name IN (${marks}) ORDER BY at DESC, seq DESC LIMIT ?`,
    );
    for (const id of out.keys())
      out.set(id, (statement.all(workspaceId, id, ...names, limit) as Row[]).map(eventFromRow).reverse());
    return out;
  }

  async write(batch: BatchWrite): Promise<void> {
    const s = this.s;
    // Instances first: their integer ids key the history and the outbox rows.
    for (const { workspaceId, instance: i } of batch.instances) {
      const waitUntil = i.waiting?.until ?? null;
      const key = instanceKey(workspaceId, i.id);
      const state = instanceState(i);
      let iid = this.known.get(key);
      if (iid !== undefined) {
        s.updateInstance.run(i.status, i.stepId, state, waitUntil, waitUntil, i.updatedAt, iid);
      } else {
        const values = [
          workspaceId,
          i.id,
          i.journeyId,
          i.version,
          i.customerId,
          i.entry,
          i.status,
          i.stepId,
          state,
          waitUntil,
          waitUntil,
        ];
        const inserted = s.insertInstance.run(
          ...values,
          partitionOf(workspaceId, i.customerId),
          i.enteredAt,
          i.updatedAt,
        );
        // Not read by this tx yet stored already (a replayed batch): the upsert updates it in place.
        iid =
          inserted.changes === 1
            ? Number(inserted.lastInsertRowid)
            : (s.upsertInstance.get(
                ...values,
                partitionOf(workspaceId, i.customerId),
                i.enteredAt,
                i.updatedAt,
              ) as number);
        this.known.set(key, iid);
      }
    }
    // Rows of instances the batch did not rewrite (none from the engine, which writes every instance it moves) look theirs up.
    // A batch lists an instance's rows one after another: the last answer is usually the next one too, and comparing
    // the same string objects is cheaper than building and hashing a key for every row.
    let lastWorkspace = "";
    let lastInstance = "";
    let lastIid = 0;
    const iidOf = (workspaceId: string, instanceId: string): number => {
      if (instanceId === lastInstance && workspaceId === lastWorkspace) return lastIid;
      lastWorkspace = workspaceId;
      lastInstance = instanceId;
      lastIid = lookUpIid(workspaceId, instanceId);
      return lastIid;
    };
    const lookUpIid = (workspaceId: string, instanceId: string): number => {
      const key = instanceKey(workspaceId, instanceId);
      let iid = this.known.get(key);
      if (iid === undefined) {
        iid = (s.iid.get(workspaceId, instanceId) as number | undefined) ?? 0;
        this.known.set(key, iid);
      }
      return iid;
    };
    s.history.insertAll(batch.history, (h) => [
      h.workspaceId,
      iidOf(h.workspaceId, h.instanceId),
      h.at,
      goalsOf(h.steps),
      encodeSteps(h.steps),
    ]);
    for (const c of stepStats(batch.history)) s.stat.run(c.w, c.j, c.v, c.st, c.k, c.o, c.h, c.n);
    writeRollups(this.db, batch.rollups);
    s.outbox.insertAll(batch.outbox, (o) => [
      o.workspaceId,
      o.key,
      iidOf(o.workspaceId, o.instanceId),
      o.instanceId,
      o.journeyId,
      o.version,
      o.stepId,
      o.customerId,
      o.channel,
      JSON.stringify(o.payload),
      "pending",
      o.nextAttemptAt,
      o.createdAt,
    ]);
    for (const u of batch.profileUpdates) {
      const text = s.attributes.get(u.workspaceId, u.customerId) as string | undefined;
      s.upsertCustomer.run(
        u.workspaceId,
        u.customerId,
        JSON.stringify(mergeAttributes(text ? json(text) : {}, u.set, u.unset)),
        u.at,
        u.at,
      );
    }
    for (const seq of batch.processedEvents) {
      const place = this.queued.get(seq) ?? (s.queued.get(seq) as { partition: number; at: number } | undefined);
      if (place) s.processed.run(place.partition, place.at, seq);
    }
  }
}

function instanceKey(workspaceId: string, instanceId: string): string {
  return `${workspaceId}\u0000${instanceId}`;
}

/** Splits a list into pieces of at most `size` (SQL parameter limits). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
