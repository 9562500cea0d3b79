import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { CustomerEvent, Instance, Json } from "@overture/core";
import Database from "better-sqlite3";
import type { ApiKeyKind, CustomerRecord, JourneyRecord, VersionRecord } from "../../api.ts";
import { InputError } from "../../errors.ts";
import { type CustomerData, createCustomerData } from "../customer-data.ts";
import { customersWithAttribute } from "../customer-lookup.ts";
import type { StepDeliveries } from "../delivery-outcomes.ts";
import {
  deliveriesOfStep,
  deliveryOutcomes,
  type StepDelivery,
  type StepDeliveryFilter,
} from "../delivery-outcomes-sql.ts";
import { encodeSteps } from "../history.ts";
import * as outboxReads from "../outbox-reads.ts";
import { redriveOutbox } from "../outbox-redrive.ts";
import { PARTITIONS, partitionOf } from "../partition.ts";
import type { Rollup } from "../report-rollups.ts";
import {
  customerFromRow,
  INSTANCE_COLUMNS,
  instanceFromRow,
  journeyFromRow,
  json,
  legacyKeyColumns,
  mergeAttributes,
  versionFromRow,
} from "../rows.ts";
import type { SqlRunner } from "../sql-runner.ts";
import { stepStats } from "../step-stats.ts";
import type {
  CatalogSample,
  ClaimOptions,
  HistoryRow,
  LiveJourney,
  NewEvent,
  OutboxResult,
  OutboxRow,
  OutboxStatus,
  PartitionTx,
  RedriveFilter,
  Store,
  StoreOps,
  TransitionRow,
} from "../store.ts";
import { BackgroundCheckpoint } from "./background-checkpoint.ts";
import { SQLITE_CUSTOMER_DATA } from "./customer-data-sql.ts";
import { SQLITE_MIGRATIONS } from "./migrations.ts";
import { sqliteOps } from "./sqlite-ops.ts";
import { claimOutbox, completeOutbox, outboxOf } from "./sqlite-outbox.ts";
import { SqlitePartitionTx } from "./sqlite-partition-tx.ts";
import * as reads from "./sqlite-reads.ts";
import { claimScheduleRun, saveScheduleCursor } from "./sqlite-schedules.ts";
import { sqliteRunner } from "./sqlite-sql-runner.ts";

type Row = Record<string, unknown>;

/**
 * The embedded store: one SQLite file, one writer. Every write goes through `exclusive` so an engine batch and
 * an API call never share a transaction on the single connection.
 */
export class SqliteStore implements Store {
  readonly dialect = "sqlite" as const;
  readonly partitions = PARTITIONS;
  /** One writer per file: batches run one after another whatever is asked. */
  readonly concurrentBatches = 1;
  readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();

  /** The thread that checkpoints the WAL, for a file. */
  readonly checkpoint: BackgroundCheckpoint | null;

  constructor(
    path: string,
    options: { durability?: "full" | "normal"; cacheMb?: number; backgroundCheckpoint?: boolean } = {},
  ) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    // FULL: a commit (an accepted event, a finished batch) survives power loss. NORMAL survives a process crash
    // but not a power cut; tests and simulations use it to skip the fsync per commit.
    this.db.pragma(`synchronous = ${options.durability === "normal" ? "NORMAL" : "FULL"}`);
    this.db.pragma("busy_timeout = 5000");
    // A file's WAL is copied back by a thread of its own (background-checkpoint.ts); the commit that crosses
    // 200 MB of WAL does it only should that thread fall behind. In memory there is no WAL.
    const background = path !== ":memory:" && options.backgroundCheckpoint !== false;
    this.db.pragma(`wal_autocheckpoint = ${background ? 50_000 : 10_000}`);
    this.checkpoint = background
      ? new BackgroundCheckpoint(path, { synchronous: options.durability === "normal" ? "NORMAL" : "FULL" })
      : null;
    this.db.pragma("foreign_keys = ON");
    // SQLite's default page cache is 2 MB: a batch of a few thousand customers then reads its pages back from the
    // OS for every statement. A fixed cap keeps memory flat however many customers the file holds.
    this.db.pragma(`cache_size = -${(options.cacheMb ?? 256) * 1024}`);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per text (preparing costs more than running most of these). */
  stmt(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Plain SQL on this database; writes are serialised with the engine's through `exclusive`. */
  readonly sql: SqlRunner = sqliteRunner(this);

  readonly ops: StoreOps = sqliteOps(this);
  readonly customerData: CustomerData = createCustomerData(this.sql, SQLITE_CUSTOMER_DATA);

  /** Serialises async work that writes, so transactions never interleave on the one connection. */
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async migrate(): Promise<{ applied: string[] }> {
    return this.exclusive(() => {
      this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
      const done = new Set(this.stmt("SELECT id FROM schema_migrations").pluck().all() as string[]);
      const applied: string[] = [];
      for (const m of SQLITE_MIGRATIONS) {
        if (done.has(m.id)) continue;
        this.db.transaction(() => {
          this.db.exec(m.sql);
          this.stmt("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)").run(m.id, Date.now());
        })();
        applied.push(m.id);
      }
      return { applied };
    });
  }

  async close(): Promise<void> {
    await this.checkpoint?.stop();
    await this.exclusive(() => this.db.close());
  }

  async insertWorkspace(w: { id: string; name: string; createdAt: number }): Promise<void> {
    await this.exclusive(() =>
      this.stmt("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)").run(w.id, w.name, w.createdAt),
    );
  }

  async getWorkspace(id: string): Promise<{ id: string; name: string } | null> {
    return (
      (this.stmt("SELECT id, name FROM workspaces WHERE id = ?").get(id) as { id: string; name: string } | undefined) ??
      null
    );
  }

  async insertApiKey(k: { workspaceId: string; keyHash: string; kind: ApiKeyKind; createdAt: number }): Promise<void> {
    await this.exclusive(() =>
      this.stmt(
        "INSERT INTO api_keys (key_hash, workspace_id, kind, created_at, id, name, scopes) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(k.keyHash, k.workspaceId, k.kind, k.createdAt, ...legacyKeyColumns(k)),
    );
  }

  async findApiKey(keyHash: string): Promise<{ workspaceId: string; kind: ApiKeyKind } | null> {
    const row = this.stmt("SELECT workspace_id, kind FROM api_keys WHERE key_hash = ?").get(keyHash) as Row | undefined;
    return row ? { workspaceId: row.workspace_id as string, kind: row.kind as ApiKeyKind } : null;
  }

  async insertJourney(j: JourneyRecord): Promise<void> {
    await this.exclusive(() => {
      const r = this.stmt(INSERT_JOURNEY).run(j.workspaceId, j.id, ...journeyColumns(j), j.createdAt, j.updatedAt);
      if (r.changes === 0) throw new InputError("conflict", `A journey with id '${j.id}' already exists`);
    });
  }

  async updateJourney(j: JourneyRecord): Promise<void> {
    await this.exclusive(() => this.stmt(UPDATE_JOURNEY).run(...journeyColumns(j), j.updatedAt, j.workspaceId, j.id));
  }

  async getJourney(workspaceId: string, journeyId: string): Promise<JourneyRecord | null> {
    const row = this.stmt("SELECT * FROM journeys WHERE workspace_id = ? AND id = ?").get(workspaceId, journeyId) as
      | Row
      | undefined;
    return row ? journeyFromRow(row) : null;
  }

  async listJourneys(workspaceId: string): Promise<JourneyRecord[]> {
    return (
      this.stmt("SELECT * FROM journeys WHERE workspace_id = ? ORDER BY created_at, id").all(workspaceId) as Row[]
    ).map(journeyFromRow);
  }

  async insertVersion(workspaceId: string, v: VersionRecord): Promise<void> {
    await this.exclusive(() =>
      this.db
        .prepare(
          "INSERT INTO journey_versions (workspace_id, journey_id, version, document, published_at) VALUES (?, ?, ?, ?, ?)",
        )
        .run(workspaceId, v.journeyId, v.version, JSON.stringify(v.document), v.publishedAt),
    );
  }

  async getVersion(workspaceId: string, journeyId: string, version: number): Promise<VersionRecord | null> {
    const row = this.stmt(
      "SELECT * FROM journey_versions WHERE workspace_id = ? AND journey_id = ? AND version = ?",
    ).get(workspaceId, journeyId, version) as Row | undefined;
    return row ? versionFromRow(row) : null;
  }

  async listVersions(workspaceId: string, journeyId: string): Promise<VersionRecord[]> {
    return (
      this.stmt("SELECT * FROM journey_versions WHERE workspace_id = ? AND journey_id = ? ORDER BY version").all(
        workspaceId,
        journeyId,
      ) as Row[]
    ).map(versionFromRow);
  }

  async liveJourneys(): Promise<LiveJourney[]> {
    const rows = this.db
      .prepare(
        "SELECT workspace_id, id, status, current_version FROM journeys WHERE status IN ('active', 'paused') AND current_version IS NOT NULL",
      )
      .all() as Row[];
    return rows.map((r) => ({
      workspaceId: r.workspace_id as string,
      journeyId: r.id as string,
      status: r.status as "active" | "paused",
      currentVersion: Number(r.current_version),
    }));
  }

  async suspendTimers(workspaceId: string, journeyId: string): Promise<void> {
    await this.exclusive(() =>
      this.stmt(
        "UPDATE instances SET wake_at = NULL WHERE workspace_id = ? AND journey_id = ? AND status = 'waiting'",
      ).run(workspaceId, journeyId),
    );
  }

  async restoreTimers(workspaceId: string, journeyId: string): Promise<void> {
    await this.exclusive(() =>
      this.stmt(
        "UPDATE instances SET wake_at = wait_until WHERE workspace_id = ? AND journey_id = ? AND status = 'waiting'",
      ).run(workspaceId, journeyId),
    );
  }

  async exitAll(workspaceId: string, journeyId: string, reason: string, now: number): Promise<number> {
    return this.exclusive(() => {
      const rows = this.db
        .prepare(
          `SELECT iid, ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = ? AND journey_id = ? AND status IN ('active', 'waiting')`,
        )
        .all(workspaceId, journeyId) as Row[];
      const update = this.stmt(
        "UPDATE instances SET status = 'exited', state = ?, wait_until = NULL, wake_at = NULL, updated_at = ? WHERE workspace_id = ? AND id = ?",
      );
      const fact = this.stmt(
        "INSERT INTO step_history (workspace_id, instance_iid, at, goals, steps) VALUES (?, ?, ?, 0, ?)",
      );
      const stat = this.stmt(
        `INSERT INTO step_stats (workspace_id, journey_id, version, step_id, kind, outcome, hour, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      );
      this.db.transaction(() => {
        const exits: HistoryRow[] = [];
        for (const row of rows) {
          const { instance: i } = instanceFromRow(row);
          const state = JSON.stringify({
            waiting: null,
            seq: i.seq,
            converted: i.converted,
            exitReason: reason,
            context: i.context,
          });
          update.run(state, now, workspaceId, i.id);
          const steps = [{ stepId: i.stepId ?? "", kind: "exit" as const, outcome: "exited", reason, at: now }];
          fact.run(workspaceId, row.iid, now, encodeSteps(steps));
          exits.push({
            workspaceId,
            instanceId: i.id,
            journeyId: i.journeyId,
            version: i.version,
            customerId: i.customerId,
            at: now,
            steps,
          });
        }
        for (const c of stepStats(exits)) stat.run(c.w, c.j, c.v, c.st, c.k, c.o, c.h, c.n);
      })();
      return rows.length;
    });
  }

  async upsertCustomers(
    workspaceId: string,
    customers: Array<{ id: string; attributes: Record<string, Json> }>,
    now: number,
  ): Promise<void> {
    await this.exclusive(() => {
      const get = this.stmt("SELECT attributes FROM customers WHERE workspace_id = ? AND id = ?").pluck();
      const upsert = this.stmt(
        "INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at",
      );
      this.db.transaction(() => {
        for (const c of customers) {
          const current = get.get(workspaceId, c.id) as string | undefined;
          const merged = mergeAttributes(current ? json(current) : {}, c.attributes);
          upsert.run(workspaceId, c.id, JSON.stringify(merged), now, now);
        }
      })();
    });
  }

  async getCustomer(workspaceId: string, customerId: string): Promise<CustomerRecord | null> {
    const row = this.stmt("SELECT * FROM customers WHERE workspace_id = ? AND id = ?").get(workspaceId, customerId) as
      | Row
      | undefined;
    return row ? customerFromRow(row) : null;
  }

  async getCustomers(workspaceId: string, customerIds: readonly string[]): Promise<CustomerRecord[]> {
    if (customerIds.length === 0) return [];
    // The ids as one JSON array: one statement text whatever their number (prepared once, no variable limit).
    const rows = this.stmt(
      "SELECT * FROM customers WHERE workspace_id = ? AND id IN (SELECT value FROM json_each(?))",
    ).all(workspaceId, JSON.stringify(customerIds)) as Row[];
    return rows.map(customerFromRow);
  }

  async insertEvents(events: NewEvent[]): Promise<number> {
    return this.exclusive(() => {
      const insert = this.stmt(
        "INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      );
      // Events may name customers the API never saw: they get an empty profile.
      const customer = this.stmt(
        "INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at) VALUES (?, ?, '{}', ?, ?) ON CONFLICT DO NOTHING",
      );
      const queue = this.stmt("INSERT INTO event_queue (partition, at, seq) VALUES (?, ?, ?)");
      let inserted = 0;
      this.db.transaction(() => {
        for (const e of events) {
          const p = partitionOf(e.workspaceId, e.customerId, this.partitions);
          const { changes, lastInsertRowid } = insert.run(
            e.workspaceId,
            e.id,
            e.customerId,
            e.name,
            JSON.stringify(e.properties),
            e.at,
            e.receivedAt,
            p,
          );
          if (changes === 0) continue;
          queue.run(p, e.at, lastInsertRowid);
          customer.run(e.workspaceId, e.customerId, e.receivedAt, e.receivedAt);
          inserted++;
        }
      })();
      return inserted;
    });
  }

  async withPartition<T>(partition: number, work: (tx: PartitionTx) => Promise<T>): Promise<T | undefined> {
    return this.withPartitions([partition], (tx) => work(tx));
  }

  /** One writer per file: every partition is free once the write lock is ours. */
  async withPartitions<T>(
    partitions: number[],
    work: (tx: PartitionTx, locked: number[]) => Promise<T>,
  ): Promise<T | undefined> {
    if (partitions.length === 0) return undefined;
    return this.exclusive(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(new SqlitePartitionTx(this.db, partitions), partitions);
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  async nextWakeAt(): Promise<number | null> {
    // Per partition, so each minimum is one seek in the (partition, time) indexes rather than a scan.
    const timer = this.stmt("SELECT min(wake_at) FROM instances WHERE partition = ? AND wake_at IS NOT NULL").pluck();
    const event = this.stmt("SELECT min(at) FROM event_queue WHERE partition = ?").pluck();
    let next: number | null = null;
    for (let p = 0; p < this.partitions; p++) {
      for (const at of [timer.get(p) as number | null, event.get(p) as number | null])
        if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  claimScheduleRun(workspaceId: string, journeyId: string, stepId: string, everyMs: number, now: number) {
    return claimScheduleRun(this, { workspaceId, journeyId, stepId }, everyMs, now);
  }

  saveScheduleCursor(workspaceId: string, journeyId: string, stepId: string, cursor: string | null): Promise<void> {
    return saveScheduleCursor(this, { workspaceId, journeyId, stepId }, cursor);
  }

  async customerIdsAfter(workspaceId: string, after: string, limit: number): Promise<string[]> {
    return this.stmt("SELECT id FROM customers WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?")
      .pluck()
      .all(workspaceId, after, limit) as string[];
  }

  async partitionsWithWork(now: number): Promise<number[]> {
    const timer = this.stmt("SELECT 1 FROM instances WHERE partition = ? AND wake_at <= ? LIMIT 1").pluck();
    const event = this.stmt("SELECT 1 FROM event_queue WHERE partition = ? AND at <= ? LIMIT 1").pluck();
    const out: number[] = [];
    for (let p = 0; p < this.partitions; p++) if (timer.get(p, now) || event.get(p, now)) out.push(p);
    return out;
  }

  async pendingEventCount(): Promise<number> {
    return this.stmt("SELECT count(*) FROM event_queue").pluck().get() as number;
  }

  instancesOfCustomer(workspaceId: string, customerId: string): Promise<Instance[]> {
    return reads.instancesOfCustomer(this, workspaceId, customerId);
  }

  transitionsOfInstances(workspaceId: string, instanceIds: string[]): Promise<TransitionRow[]> {
    return reads.transitionsOfInstances(this, workspaceId, instanceIds);
  }

  recentEvents(workspaceId: string, customerId: string, limit: number): Promise<CustomerEvent[]> {
    return reads.recentEvents(this, workspaceId, customerId, limit);
  }

  catalogSample(workspaceId: string, limits: { events: number; customers: number }): Promise<CatalogSample> {
    return reads.catalogSample(this, workspaceId, limits);
  }

  stepCounts(workspaceId: string, journeyId: string, version?: number) {
    return reads.stepCounts(this, workspaceId, journeyId, version);
  }

  instancesAtStep(
    workspaceId: string,
    journeyId: string,
    stepId: string,
    limit: number,
    after?: string,
  ): Promise<Instance[]> {
    return reads.instancesAtStep(this, workspaceId, journeyId, stepId, limit, after);
  }

  getInstance(workspaceId: string, instanceId: string): Promise<Instance | null> {
    return reads.getInstance(this, workspaceId, instanceId);
  }

  claimOutbox(now: number, limit: number, leaseMs: number, options?: ClaimOptions): Promise<OutboxRow[]> {
    return claimOutbox(this, now, limit, leaseMs, options);
  }

  deliveryOutcomes(workspaceId: string, journeyId: string, version?: number): Promise<StepDeliveries[]> {
    return deliveryOutcomes(this.sql, workspaceId, journeyId, version);
  }

  deliveriesOfStep(workspaceId: string, filter: StepDeliveryFilter): Promise<StepDelivery[]> {
    return deliveriesOfStep(this.sql, workspaceId, filter);
  }

  redriveOutbox(filter: RedriveFilter, now: number, options?: { dryRun?: boolean }): Promise<number> {
    return redriveOutbox(this.sql, filter, now, options);
  }

  completeOutbox(results: OutboxResult[], rollups?: Rollup[]): Promise<void> {
    return completeOutbox(this, results, rollups);
  }

  readonly outboxPage: Store["outboxPage"] = (workspaceId, filter) =>
    outboxReads.outboxPage(this.sql, workspaceId, filter);
  readonly getOutboxRow: Store["getOutboxRow"] = (workspaceId, seq) =>
    outboxReads.outboxRow(this.sql, workspaceId, seq);
  readonly deliveryFactsOf: Store["deliveryFactsOf"] = (workspaceId, key) =>
    outboxReads.deliveryFactsOf(this.sql, workspaceId, key);
  readonly customersWithAttribute: Store["customersWithAttribute"] = (workspaceId, name, value, limit) =>
    customersWithAttribute(this.sql, workspaceId, name, value, limit);
  readonly sentDeliveryKeys: Store["sentDeliveryKeys"] = (workspaceId, filter) =>
    outboxReads.sentDeliveryKeys(this.sql, workspaceId, filter);

  outboxOf(
    workspaceId: string,
    filter: { customerId?: string; status?: OutboxStatus; limit?: number },
  ): Promise<OutboxRow[]> {
    return outboxOf(this, workspaceId, filter);
  }
}

const INSERT_JOURNEY =
  "INSERT INTO journeys (workspace_id, id, name, status, draft, current_version, tags, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
const UPDATE_JOURNEY =
  "UPDATE journeys SET name = ?, status = ?, draft = ?, current_version = ?, tags = ?, owner = ?, updated_at = ? WHERE workspace_id = ? AND id = ?";

/** A journey's editable columns in table order (name, status, draft, current version, tags, owner), as SQLite stores them. */
function journeyColumns(j: JourneyRecord): [string, string, string, number | null, string, string] {
  return [j.name, j.status, JSON.stringify(j.draft ?? null), j.currentVersion, JSON.stringify(j.tags), j.owner];
}
