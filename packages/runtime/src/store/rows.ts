import type { CustomerEvent, Instance, Json } from "@overture/core";
import type { CustomerRecord, JourneyRecord, JourneyStatus, VersionRecord } from "../api.ts";
import type { HistoryRow, OutboxRow, OutboxStatus, StoredInstance } from "./store.ts";

/** Row shapes shared by both dialects: SQLite hands JSON back as text, PostgreSQL as parsed values. */
type Row = Record<string, unknown>;

/** Reads a JSON column whether the driver returned text or an already parsed value. */
export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** Numbers come back from PostgreSQL bigint columns as strings. */
export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** The part of an instance kept in the `state` JSON column (the rest has columns of its own). */
export function instanceState(i: Instance): string {
  return JSON.stringify({
    waiting: i.waiting,
    seq: i.seq,
    converted: i.converted,
    exitReason: i.exitReason,
    context: i.context,
  });
}

/** The instance columns the engine and the API read (SQLite's `iid` is the store's own). */
export const INSTANCE_COLUMNS =
  "workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at";

export function instanceFromRow(r: Row): StoredInstance {
  const state = json<Pick<Instance, "waiting" | "seq" | "converted" | "exitReason" | "context">>(r.state);
  return {
    workspaceId: r.workspace_id as string,
    instance: {
      id: r.id as string,
      journeyId: r.journey_id as string,
      version: num(r.version),
      customerId: r.customer_id as string,
      entry: num(r.entry),
      status: r.status as Instance["status"],
      stepId: (r.step_id as string | null) ?? null,
      enteredAt: num(r.entered_at),
      updatedAt: num(r.updated_at),
      ...state,
    },
  };
}

export function journeyFromRow(r: Row): JourneyRecord {
  return {
    workspaceId: r.workspace_id as string,
    id: r.id as string,
    name: r.name as string,
    status: r.status as JourneyStatus,
    draft: json(r.draft),
    currentVersion: numOrNull(r.current_version),
    tags: r.tags === undefined || r.tags === null ? [] : json<string[]>(r.tags),
    owner: (r.owner as string | null | undefined) ?? "",
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function versionFromRow(r: Row): VersionRecord {
  return {
    journeyId: r.journey_id as string,
    version: num(r.version),
    document: json(r.document),
    publishedAt: num(r.published_at),
  };
}

export function customerFromRow(r: Row): CustomerRecord {
  return {
    id: r.id as string,
    attributes: json(r.attributes),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function eventFromRow(r: Row): CustomerEvent {
  return {
    id: r.id as string,
    name: r.name as string,
    customerId: r.customer_id as string,
    properties: json<Record<string, Json>>(r.properties),
    at: num(r.at),
  };
}

/** The instance columns of a history row read with its instance (the steps are unpacked by history.ts). */
export function historyOf(workspaceId: string, r: Row): Omit<HistoryRow, "steps"> {
  return {
    workspaceId,
    instanceId: r.instance_id as string,
    journeyId: r.journey_id as string,
    version: num(r.version),
    customerId: r.customer_id as string,
    at: num(r.at),
  };
}

export function outboxFromRow(r: Row): OutboxRow {
  return {
    seq: num(r.seq),
    workspaceId: r.workspace_id as string,
    key: r.key as string,
    instanceId: r.instance_id as string,
    journeyId: r.journey_id as string,
    version: num(r.version),
    stepId: r.step_id as string,
    customerId: r.customer_id as string,
    channel: r.channel as string,
    payload: json(r.payload),
    status: r.status as OutboxStatus,
    attempts: num(r.attempts),
    nextAttemptAt: num(r.next_attempt_at),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: num(r.created_at),
    firstAttemptAt: numOrNull(r.first_attempt_at),
    crashes: num(r.crashes ?? 0),
  };
}

/** Merges profile attributes: `set` wins, `unset` removes. */
export function mergeAttributes(
  current: Record<string, Json>,
  set: Record<string, Json>,
  unset: string[] = [],
): Record<string, Json> {
  const next = { ...current, ...set };
  for (const key of unset) delete next[key];
  return next;
}

/**
 * The id, name and scopes of a key inserted the old way (a workspace's secret or write key, by kind): the id is the
 * first characters of its hash, as migration 0010/0012 gave the keys of before.
 */
export function legacyKeyColumns(k: { keyHash: string; kind: "secret" | "write" }): [string, string, string] {
  const secret = k.kind === "secret";
  return [k.keyHash.slice(0, 16), secret ? "Secret key" : "Write key", secret ? '["manage"]' : '["ingest"]'];
}
