import type { Json } from "@overture/core";
import { InputError, type OutboxStatus, type Store } from "@overture/runtime";

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
export type OutboxFilter = {
  status?: OutboxStatus;
  channel?: string;
  customerId?: string;
  journeyId?: string;
  before?: number;
  limit?: number;
};

type Row = Record<string, unknown>;

function fromRow(r: Row): OutboxEntry {
  return {
    seq: Number(r.seq),
    key: r.key as string,
    channel: r.channel as string,
    customerId: r.customer_id as string,
    journeyId: r.journey_id as string,
    version: Number(r.version),
    stepId: r.step_id as string,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: Number(r.created_at),
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, Json>,
  };
}

/** The workspace's outbox rows, newest first, filtered (dead letters: `status: "dead"`). */
export async function listOutbox(store: Store, workspaceId: string, filter: OutboxFilter = {}): Promise<OutboxEntry[]> {
  const where = ["workspace_id = ?"];
  const params: unknown[] = [workspaceId];
  for (const [column, value] of [
    ["status", filter.status],
    ["channel", filter.channel],
    ["customer_id", filter.customerId],
    ["journey_id", filter.journeyId],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.before !== undefined) {
    where.push("seq < ?");
    params.push(filter.before);
  }
  params.push(filter.limit ?? 100);
  const rows = await store.sql.all(
    `SELECT * FROM outbox WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`,
    params,
  );
  return rows.map(fromRow);
}

/**
 * Requeues a dead letter: pending again now, with a fresh set of attempts and retry window (its last error is kept
 * until the next attempt); the one-row case of Store.redriveOutbox. Throws InputError `not_found` for an unknown seq
 * and `invalid_state` for a row that is not dead.
 */
export async function retryOutbox(store: Store, workspaceId: string, seq: number, now: number): Promise<OutboxEntry> {
  const changed = await store.redriveOutbox({ workspaceId, seq }, now);
  const row = (await store.sql.all("SELECT * FROM outbox WHERE workspace_id = ? AND seq = ?", [workspaceId, seq]))[0];
  if (!row)
    throw new InputError("not_found", `No outbox row ${seq}.`, [
      { path: "seq", code: "not_found", message: "unknown outbox row" },
    ]);
  if (changed === 0) {
    throw new InputError(
      "invalid_state",
      `Outbox row ${seq} is ${String(row.status)}; only dead rows can be retried.`,
      [{ path: "seq", code: "not_dead", message: `status is ${String(row.status)}` }],
    );
  }
  return fromRow(row);
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
  const row = (await store.sql.all("SELECT * FROM outbox WHERE workspace_id = ? AND seq = ?", [workspaceId, seq]))[0];
  if (!row)
    throw new InputError("not_found", `No outbox row ${seq}.`, [
      { path: "seq", code: "not_found", message: "unknown outbox row" },
    ]);
  const entry = fromRow(row);
  const facts = await store.sql.all(
    "SELECT status, detail, at FROM deliveries WHERE workspace_id = ? AND outbox_key = ? ORDER BY at, status",
    [workspaceId, entry.key],
  );
  const rounds = facts.map((f) => {
    const detail = (typeof f.detail === "string" ? JSON.parse(f.detail) : f.detail) as Record<string, unknown> | null;
    const said = detail?.error ?? detail?.reason ?? null;
    return {
      status: f.status as OutboxRound["status"],
      at: Number(f.at),
      detail: typeof said === "string" ? said : null,
    };
  });
  return { ...entry, rounds };
}
