import type { CustomerEvent, Instance, JourneyDocument, Json, Transition } from "@overture/core";
import type { ApiKeyKind, CustomerRecord, JourneyRecord, StepCount, VersionRecord } from "../api.ts";
import type { CustomerData } from "./customer-data.ts";
import type { StepDeliveries } from "./delivery-outcomes.ts";
import type { StepDelivery, StepDeliveryFilter } from "./delivery-outcomes-sql.ts";
import type { DeliveryFact, OutboxPageFilter, SentDeliveryFilter } from "./outbox-reads.ts";
import type { Rollup } from "./report-rollups.ts";
import type { SqlRunner } from "./sql-runner.ts";

/**
 * The storage port. The engine and the services speak only to this; `store/sqlite` and `store/postgres`
 * implement it, and one contract suite (test/store-contract) runs on both.
 */

/** An instance with the workspace it belongs to, as the store keeps it. */
export type StoredInstance = { workspaceId: string; instance: Instance };

/** An event row as ingested; `seq` orders events within a partition. */
export type EventRow = CustomerEvent & { workspaceId: string; seq: number; receivedAt: number };

export type NewEvent = Omit<EventRow, "seq">;

/** A transition fact with the instance it belongs to: what a customer's history is read as. */
export type TransitionRow = Transition & {
  workspaceId: string;
  instanceId: string;
  journeyId: string;
  version: number;
  customerId: string;
};

/**
 * One history fact as stored: the steps one wake-up of an instance ran, all at the same time (a wake-up runs until
 * the next wait in one go). One row per wake-up rather than per step (docs/decisions/0011). Readers unpack it into
 * TransitionRows; every step's `at` is the row's.
 */
export type HistoryRow = {
  workspaceId: string;
  instanceId: string;
  journeyId: string;
  version: number;
  customerId: string;
  at: number;
  steps: Transition[];
};

/** `skipped`: deliberately not sent (delivery policy); `last_error` holds the reason. */
export type OutboxStatus = "pending" | "sending" | "sent" | "dead" | "skipped";

export type OutboxRow = {
  seq: number;
  workspaceId: string;
  key: string;
  instanceId: string;
  journeyId: string;
  version: number;
  stepId: string;
  customerId: string;
  channel: string;
  payload: Record<string, Json>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  /** When the retry window started: the first attempt (or the last re-drive); null before any attempt. */
  firstAttemptAt: number | null;
  /** How many times the row was claimed again after its lease ran out (its dispatcher died or hung on it). */
  crashes: number;
};

export type NewOutboxRow = Omit<OutboxRow, "seq" | "status" | "attempts" | "lastError" | "firstAttemptAt" | "crashes">;

/** Options of Store.claimOutbox. */
export type ClaimOptions = {
  /**
   * A row claimed again after its lease ran out this many times is not handed out: it is dead-lettered as
   * quarantined (default 3). A delivery that kills or hangs its process must not loop forever.
   */
  maxCrashes?: number;
  /** Only rows of these channels (a lane of the dispatcher); with `except`, rows of every channel but these. */
  channels?: ClaimChannels;
};

/** Which channels' rows a claim takes: `only` these, or all `except` these (an empty list: no filter). */
export type ClaimChannels = { only: string[] } | { except: string[] };

/**
 * Which dead letters a re-drive takes back to pending. All given fields must match; `errorContains` is a
 * case-insensitive substring of the last error; `deadSince`/`deadUntil` bound when the row died (inclusive,
 * exclusive); `workspaceId` undefined means every workspace (the CLI, run by an operator on the database).
 */
export type RedriveFilter = {
  workspaceId?: string;
  seq?: number;
  channel?: string;
  journeyId?: string;
  stepId?: string;
  customerId?: string;
  errorContains?: string;
  deadSince?: number;
  deadUntil?: number;
  /** At most this many rows, oldest first (default: all). */
  limit?: number;
};

export type ProfileUpdate = {
  workspaceId: string;
  customerId: string;
  set: Record<string, Json>;
  unset: string[];
  at: number;
};

/** Everything one partition batch writes, committed together. */
export type BatchWrite = {
  instances: StoredInstance[];
  history: HistoryRow[];
  outbox: NewOutboxRow[];
  profileUpdates: ProfileUpdate[];
  processedEvents: number[];
  /** The reports' counters of this batch, one per key (report-rollups.ts); absent when there are none. */
  rollups?: Rollup[];
};

/** Recent events (newest first) and customers' attributes of one workspace: what names and properties it uses. */
export type CatalogSample = {
  events: Array<{ name: string; properties: Record<string, Json> }>;
  attributes: Array<Record<string, Json>>;
};

/** Earlier entries of customers into journeys, for the entry rules. */
export type EntryStat = {
  customerId: string;
  journeyId: string;
  count: number;
  lastEnteredAt: number | null;
  active: boolean;
};

/** Reads and writes inside one partition's transaction. */
export type PartitionTx = {
  /** Unprocessed events whose time has come (at <= now), oldest first. */
  pendingEvents(now: number, limit: number): Promise<EventRow[]>;
  dueInstances(now: number, limit: number): Promise<StoredInstance[]>;
  /** Instances of these customers that are still active or waiting. */
  liveInstancesOf(workspaceId: string, customerIds: string[]): Promise<StoredInstance[]>;
  entryStats(workspaceId: string, customerIds: string[], journeyIds: string[]): Promise<EntryStat[]>;
  customerAttributes(workspaceId: string, customerIds: string[]): Promise<Map<string, Record<string, Json>>>;
  /** Each customer's latest events with these names (at most `limit` each), oldest first; every customer asked is a key. */
  customerEvents(
    workspaceId: string,
    customerIds: string[],
    names: string[],
    limit: number,
  ): Promise<Map<string, CustomerEvent[]>>;
  write(batch: BatchWrite): Promise<void>;
};

export type LiveJourney = {
  workspaceId: string;
  journeyId: string;
  status: "active" | "paused";
  currentVersion: number;
};

export type OutboxResult =
  | { seq: number; status: "sent"; at: number; detail: Json }
  | { seq: number; status: "pending"; nextAttemptAt: number; error: string }
  /** `bounced`: the provider refused the message or its address (a bounce in the reports, decision 0039). */
  | { seq: number; status: "dead"; at: number; error: string; bounced?: boolean }
  /** Back to pending at `nextAttemptAt` without counting this attempt (quiet hours); `reason` goes to last_error. */
  | {
      seq: number;
      status: "deferred";
      nextAttemptAt: number;
      reason: string;
      /** The retry window's start moves this much later: an open circuit's wait does not count against the window. */
      holdWindowMs?: number;
    }
  /** Finished without sending (delivery policy): status `skipped`, `reason` as last_error and in a `skipped` delivery fact. */
  | { seq: number; status: "skipped"; at: number; reason: string };

export type Store = {
  readonly dialect: "sqlite" | "postgres";
  /** Customers are spread over this many partitions; one worker at a time works on a partition. */
  readonly partitions: number;
  /**
   * Partition transactions a worker process runs at once, on disjoint partitions. More than one pays when the
   * database works apart from the process (PostgreSQL): one batch's JavaScript runs while another's statements do.
   */
  readonly concurrentBatches: number;
  migrate(): Promise<{ applied: string[] }>;
  /**
   * Plain SQL on the same database, for features that keep tables of their own: each names only its own tables
   * (docs/table-owners.json); the engine's are read through this port's methods.
   */
  readonly sql: SqlRunner;
  close(): Promise<void>;

  insertWorkspace(workspace: { id: string; name: string; createdAt: number }): Promise<void>;
  getWorkspace(id: string): Promise<{ id: string; name: string } | null>;
  insertApiKey(key: { workspaceId: string; keyHash: string; kind: ApiKeyKind; createdAt: number }): Promise<void>;
  findApiKey(keyHash: string): Promise<{ workspaceId: string; kind: ApiKeyKind } | null>;

  /** Throws InputError("conflict") when the id is taken. */
  insertJourney(journey: JourneyRecord): Promise<void>;
  updateJourney(journey: JourneyRecord): Promise<void>;
  getJourney(workspaceId: string, journeyId: string): Promise<JourneyRecord | null>;
  listJourneys(workspaceId: string): Promise<JourneyRecord[]>;
  insertVersion(workspaceId: string, version: VersionRecord): Promise<void>;
  getVersion(workspaceId: string, journeyId: string, version: number): Promise<VersionRecord | null>;
  listVersions(workspaceId: string, journeyId: string): Promise<VersionRecord[]>;
  liveJourneys(): Promise<LiveJourney[]>;
  /** Timers of a paused journey stop (wake_at cleared); resuming restores them from the instances' waits. */
  suspendTimers(workspaceId: string, journeyId: string): Promise<void>;
  restoreTimers(workspaceId: string, journeyId: string): Promise<void>;
  /** Ends every live instance of the journey (archive). */
  exitAll(workspaceId: string, journeyId: string, reason: string, now: number): Promise<number>;

  upsertCustomers(
    workspaceId: string,
    customers: Array<{ id: string; attributes: Record<string, Json> }>,
    now: number,
  ): Promise<void>;
  getCustomer(workspaceId: string, customerId: string): Promise<CustomerRecord | null>;
  /** The customers of `customerIds` that exist, in no particular order: one query for a dispatcher batch's rows. */
  getCustomers(workspaceId: string, customerIds: readonly string[]): Promise<CustomerRecord[]>;

  /** Inserts events; an event whose (workspace, id) exists is ignored. Returns how many were new. */
  insertEvents(events: NewEvent[]): Promise<number>;

  /** Runs `work` in a transaction that holds partition `partition`; returns undefined when another worker holds it. */
  withPartition<T>(partition: number, work: (tx: PartitionTx) => Promise<T>): Promise<T | undefined>;
  /**
   * Runs `work` in ONE transaction holding every partition of `partitions` it can lock now (others are skipped);
   * the tx reads due work of the locked partitions only. Undefined when it locked none. One commit per pass, not
   * one per partition: a commit's flush is what a batch costs on a real disk.
   */
  withPartitions<T>(
    partitions: number[],
    work: (tx: PartitionTx, locked: number[]) => Promise<T>,
  ): Promise<T | undefined>;
  /** The earliest time something is due, a timer or an unprocessed event; null when nothing is. Simulations jump the clock here. */
  nextWakeAt(): Promise<number | null>;
  pendingEventCount(): Promise<number>;
  /** What an operator watches (health checks, metrics). */
  readonly ops: StoreOps;
  /** Customers' data rights on the engine's tables: erase (with a tombstone), export, retention (issue 13). */
  readonly customerData: CustomerData;
  /**
   * The schedule trigger's run in progress, starting one when the schedule is due (the first at once); null when
   * nothing is due. `cursor` is the last customer id the run has covered ("" at its start).
   */
  claimScheduleRun(
    workspaceId: string,
    journeyId: string,
    stepId: string,
    everyMs: number,
    now: number,
  ): Promise<{ runAt: number; cursor: string } | null>;
  /** Records how far a schedule run got; null ends the run. */
  saveScheduleCursor(workspaceId: string, journeyId: string, stepId: string, cursor: string | null): Promise<void>;
  /** Customer ids of a workspace in id order after `after`, at most `limit`. */
  customerIdsAfter(workspaceId: string, after: string, limit: number): Promise<string[]>;
  /** The partitions that have an event or a timer due at `now`; a pass locks only these. */
  partitionsWithWork(now: number): Promise<number[]>;

  instancesOfCustomer(workspaceId: string, customerId: string): Promise<Instance[]>;
  transitionsOfInstances(workspaceId: string, instanceIds: string[]): Promise<TransitionRow[]>;
  recentEvents(workspaceId: string, customerId: string, limit: number): Promise<CustomerEvent[]>;
  /** What the editor's catalog summarizes: the workspace's newest events, and the attributes of some of its customers. */
  catalogSample(workspaceId: string, limits: { events: number; customers: number }): Promise<CatalogSample>;
  /** Per-step figures of a journey (all versions when `version` is omitted). */
  stepCounts(
    workspaceId: string,
    journeyId: string,
    version?: number,
  ): Promise<{
    steps: StepCount[];
    entered: number;
    active: number;
    completed: number;
    exited: number;
    converted: number;
  }>;
  instancesAtStep(
    workspaceId: string,
    journeyId: string,
    stepId: string,
    limit: number,
    after?: string,
  ): Promise<Instance[]>;
  getInstance(workspaceId: string, instanceId: string): Promise<Instance | null>;

  /**
   * Leases up to `limit` due outbox rows for `leaseMs` (rows whose lease ran out are due again, counted as a crash;
   * one that crashed `maxCrashes` times is dead-lettered as quarantined instead, with a delivery fact). Each claim
   * counts an attempt and starts the retry window if it had not started.
   */
  claimOutbox(now: number, limit: number, leaseMs: number, options?: ClaimOptions): Promise<OutboxRow[]>;
  /** Records how claimed rows ended; a row no longer `sending` (quarantined meanwhile) is left as it is. */
  /** `rollups`: the reports' counters of these results, written in the same transaction (reports/delivery-rollups.ts). */
  completeOutbox(results: OutboxResult[], rollups?: Rollup[]): Promise<void>;
  /**
   * Puts the dead letters matching `filter` back to pending at `now` with a fresh retry window (attempts and crashes
   * at 0); returns how many. `dryRun` only counts them.
   */
  redriveOutbox(filter: RedriveFilter, now: number, options?: { dryRun?: boolean }): Promise<number>;
  outboxOf(
    workspaceId: string,
    filter: { customerId?: string; status?: OutboxStatus; limit?: number },
  ): Promise<OutboxRow[]>;
  /** A page of the workspace's outbox rows, newest first (the operators' outbox and dead-letter lists). */
  outboxPage(workspaceId: string, filter: OutboxPageFilter): Promise<OutboxRow[]>;
  /** One outbox row by its seq; null when the workspace has none. */
  getOutboxRow(workspaceId: string, seq: number): Promise<OutboxRow | null>;
  /** The delivery facts (finished rounds) of one outbox row, oldest first. */
  deliveryFactsOf(workspaceId: string, outboxKey: string): Promise<DeliveryFact[]>;
  /** Customers whose attribute `name` is the text `value`, in id order, at most `limit` (an inbound SMS's phone). */
  customersWithAttribute(
    workspaceId: string,
    name: string,
    value: string,
    limit: number,
  ): Promise<Array<{ id: string; attributes: Record<string, Json> }>>;
  /** Outbox keys of a customer's sends on one channel after a time: what frequency caps count. */
  sentDeliveryKeys(workspaceId: string, filter: SentDeliveryFilter): Promise<string[]>;
  /** Per-step delivery outcomes of a journey (sent, deferred, retrying, skipped and dead by reason; all versions when `version` is omitted). */
  deliveryOutcomes(workspaceId: string, journeyId: string, version?: number): Promise<StepDeliveries[]>;
  /** A page of one step's deliveries, newest first, optionally of one outcome. */
  deliveriesOfStep(workspaceId: string, filter: StepDeliveryFilter): Promise<StepDelivery[]>;
};

/**
 * Readings of the store for health checks and metrics, outside the engine's path. Each is a few index probes, except
 * `outboxByStatus`, which counts the table (read at scrape time, not per request).
 */
export type StoreOps = {
  /** The store's own migrations not yet applied (empty when the schema is current); fails when the database is unreachable. */
  pendingMigrations(): Promise<string[]>;
  /**
   * Engine lag at `now`, in ms: how long the oldest work due has waited. Per partition the head of the work is the due
   * timer with the earliest wake-up (due since its wake-up) and the pending event with the earliest time (due since it
   * was received, so a back-dated import is not lag); the lag is the longest wait among them, 0 when nothing is due.
   */
  engineLagMs(now: number): Promise<number>;
  /** How many outbox rows have each status (every status is a key). */
  outboxByStatus(): Promise<Record<OutboxStatus, number>>;
};

/** A stored journey document is trusted: it was validated when published. */
export type StoredDocument = JourneyDocument;
