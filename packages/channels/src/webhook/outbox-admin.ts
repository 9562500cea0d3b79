import type { Json } from "@overture/core";
import { InputError, type OutboxPageFilter, type OutboxRow, type OutboxStatus, type Store } from "@overture/runtime";

/** One outbox row as the API lists it: what was to be sent, how many attempts, and the last error or skip reason. */
export type OutboxEntry = {
  seq: number;
  key: string;
  channel: string;
  customerId: string;
  journeyId: string;
  version: number;
  stepId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  payload: Record<string, Json>;
};

/** Filters of {@link listOutbox}; `before` pages backwards by `seq`. */
export type OutboxFilter = OutboxPageFilter;

/** The API's view of a row: the store's row without the columns only the dispatcher reads. */
function entryOf(r: OutboxRow): OutboxEntry {
  return {
    seq: r.seq,
    key: r.key,
    channel: r.channel,
    customerId: r.customerId,
    journeyId: r.journeyId,
    version: r.version,
    stepId: r.stepId,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    createdAt: r.createdAt,
    payload: r.payload,
  };
}

/** The workspace's outbox rows, newest first, filtered (dead letters: `status: "dead"`). */
export async function listOutbox(store: Store, workspaceId: string, filter: OutboxFilter = {}): Promise<OutboxEntry[]> {
  return (await store.outboxPage(workspaceId, filter)).map(entryOf);
}

/**
 * Requeues a dead letter: pending again now, with a fresh set of attempts and retry window (its last error is kept
 * until the next attempt); the one-row case of Store.redriveOutbox. Throws InputError `not_found` for an unknown seq
 * and `invalid_state` for a row that is not dead.
 */
export async function retryOutbox(store: Store, workspaceId: string, seq: number, now: number): Promise<OutboxEntry> {
  const changed = await store.redriveOutbox({ workspaceId, seq }, now);
  const row = await store.getOutboxRow(workspaceId, seq);
  if (!row)
    throw new InputError("not_found", `No outbox row ${seq}.`, [
      { path: "seq", code: "not_found", message: "unknown outbox row" },
    ]);
  if (changed === 0) {
    throw new InputError("invalid_state", `Outbox row ${seq} is ${row.status}; only dead rows can be retried.`, [
      { path: "seq", code: "not_dead", message: `status is ${row.status}` },
    ]);
  }
  return entryOf(row);
}

/**
 * One finished round of a delivery, from the delivery facts: `sent`, `dead` (with the error) or `skipped` (with the
 * reason). A re-drive starts a new round, so a retried dead letter shows its dead round, then its next one.
 */
export type OutboxRound = { status: "sent" | "dead" | "skipped"; at: number; detail: string | null };

/** One outbox row with the rounds it finished (oldest first); InputError `not_found` for an unknown seq. */
export async function getOutboxEntry(
  store: Store,
  workspaceId: string,
  seq: number,
): Promise<OutboxEntry & { rounds: OutboxRound[] }> {
  const row = await store.getOutboxRow(workspaceId, seq);
  if (!row)
    throw new InputError("not_found", `No outbox row ${seq}.`, [
      { path: "seq", code: "not_found", message: "unknown outbox row" },
    ]);
  const entry = entryOf(row);
  const rounds = (await store.deliveryFactsOf(workspaceId, entry.key)).map((f) => {
    const detail = f.detail !== null && typeof f.detail === "object" && !Array.isArray(f.detail) ? f.detail : null;
    const said = detail?.error ?? detail?.reason ?? null;
    return { status: f.status, at: f.at, detail: typeof said === "string" ? said : null };
  });
  return { ...entry, rounds };
}
