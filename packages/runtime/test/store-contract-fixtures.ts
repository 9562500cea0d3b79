import type { Instance } from "@overture/core";
import { ONBOARDING_JOURNEY } from "@overture/testkit";
import type { JourneyRecord, VersionRecord } from "../src/api.ts";
import { partitionOf } from "../src/store/partition.ts";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { BatchWrite, HistoryRow, NewEvent, NewOutboxRow, Store, TransitionRow } from "../src/store/store.ts";

/** Rows and helpers the store contract suite builds its cases from. */

export const WS = "ws1";
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** The first `count` customer ids (c0, c1, …) that fall in `partition`, so one batch can hold them all. */
export function customersIn(partition: number, count: number, prefix = "c"): string[] {
  const out: string[] = [];
  for (let n = 0; out.length < count; n++)
    if (partitionOf(WS, `${prefix}${n}`) === partition) out.push(`${prefix}${n}`);
  return out;
}

export function journey(id: string, overrides: Partial<JourneyRecord> = {}): JourneyRecord {
  return {
    workspaceId: WS,
    id,
    name: `Journey ${id}`,
    status: "draft",
    draft: { steps: [] },
    currentVersion: null,
    tags: [],
    owner: "",
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function version(journeyId: string, n: number): VersionRecord {
  return { journeyId, version: n, document: ONBOARDING_JOURNEY, publishedAt: T0 + n };
}

/** An instance waiting on a timer until `until` unless overridden. */
export function instance(customerId: string, overrides: Partial<Instance> = {}): Instance {
  return {
    id: `j1:${customerId}:1`,
    journeyId: "j1",
    version: 1,
    customerId,
    entry: 1,
    status: "waiting",
    stepId: "wait-1d",
    waiting: { type: "time", until: T0 + 1_000 },
    enteredAt: T0,
    updatedAt: T0,
    seq: 3,
    converted: false,
    exitReason: null,
    context: { trigger: { name: "purchase.completed", properties: { plan: "pro" } } },
    ...overrides,
  };
}

/** The instance fields every history fact repeats. */
function factOf(i: Instance) {
  return { workspaceId: WS, instanceId: i.id, journeyId: i.journeyId, version: i.version, customerId: i.customerId };
}

/** One wake-up's history row: steps given as [step id, outcome, kind?], with the reasons `transition` gives them. */
export function wakeUp(i: Instance, at: number, ...steps: Array<[string, string, TransitionRow["kind"]?]>): HistoryRow {
  return {
    ...factOf(i),
    at,
    steps: steps.map(([stepId, outcome, kind = "step"]) => ({
      stepId,
      kind,
      outcome,
      reason: `${stepId} ${outcome}`,
      at,
    })),
  };
}

export function transition(
  i: Instance,
  stepId: string,
  outcome: string,
  at: number,
  kind: TransitionRow["kind"] = "step",
): TransitionRow {
  return { ...factOf(i), stepId, kind, outcome, reason: `${stepId} ${outcome}`, at };
}

export function outboxRow(i: Instance, stepId: string, overrides: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return {
    workspaceId: WS,
    key: `${i.id}:${stepId}:${i.seq}`,
    instanceId: i.id,
    journeyId: i.journeyId,
    version: i.version,
    stepId,
    customerId: i.customerId,
    channel: "email",
    payload: { subject: `About ${stepId}`, tags: ["a", "b"], nested: { n: 1.5, ok: true, none: null } },
    nextAttemptAt: T0,
    createdAt: T0,
    ...overrides,
  };
}

export function event(
  id: string,
  customerId: string,
  name: string,
  at: number,
  properties: NewEvent["properties"] = {},
): NewEvent {
  return { workspaceId: WS, id, customerId, name, properties, at, receivedAt: at };
}

/** Writes a batch in the customer's partition, filling the lists left out. */
export async function writeBatch(store: Store, partition: number, batch: Partial<BatchWrite>): Promise<void> {
  const done = await store.withPartition(partition, async (tx) => {
    await tx.write({ instances: [], history: [], outbox: [], profileUpdates: [], processedEvents: [], ...batch });
    return true;
  });
  if (done === undefined) throw new Error(`partition ${partition} was busy`);
}

/** Writes instances (each in its customer's partition). */
export async function putInstances(store: Store, instances: Instance[]): Promise<void> {
  for (const i of instances)
    await writeBatch(store, partitionOf(WS, i.customerId), { instances: [{ workspaceId: WS, instance: i }] });
}

/** An in-memory SQLite store, migrated, with the workspace {@link WS}: what the dispatcher's unit suites start from. */
export async function openWorkspaceStore(): Promise<SqliteStore> {
  const store = new SqliteStore(":memory:");
  await store.migrate();
  await store.insertWorkspace({ id: WS, name: "Workspace", createdAt: T0 });
  return store;
}
