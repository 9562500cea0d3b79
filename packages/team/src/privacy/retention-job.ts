import type { Clock, PurgedRows, Store } from "@overture/runtime";
import { retentionWorkspaces } from "./retention-settings.ts";

const DAY_MS = 86_400_000;

/** Rows deleted per kind and statement: a pass holds its transaction briefly and comes back for the rest. */
const CHUNK = 2_000;
/** Chunks per workspace in one pass, so a first pass over a large backlog does not run for minutes. */
const MAX_CHUNKS = 25;

/** What one retention pass deleted, over every workspace. */
export type RetentionRun = PurgedRows & { workspaces: number };

/**
 * One retention pass at `now`: for each workspace with a window, deletes processed events, the history of finished
 * instances and the finished delivery records of finished instances older than its windows. Never a pending event, a
 * live instance's history, or a row a running journey still needs (docs/decisions/0036). On PostgreSQL a workspace
 * being purged by another worker is skipped (advisory lock); the deletes are idempotent either way.
 */
export async function runRetention(store: Store, now: number): Promise<RetentionRun> {
  const total: RetentionRun = { events: 0, history: 0, deliveries: 0, outbox: 0, workspaces: 0 };
  for (const w of await retentionWorkspaces(store)) {
    const cutoff = (daysKept: number | null) => (daysKept === null ? null : now - daysKept * DAY_MS);
    const cutoffs = { events: cutoff(w.events), history: cutoff(w.history), deliveries: cutoff(w.deliveries) };
    total.workspaces += 1;
    for (let i = 0; i < MAX_CHUNKS; i++) {
      const purged = await store.customerData.purge(w.workspaceId, cutoffs, CHUNK);
      if (!purged) break;
      total.events += purged.events;
      total.history += purged.history;
      total.deliveries += purged.deliveries;
      total.outbox += purged.outbox;
      if (Math.max(purged.events, purged.history, purged.outbox) < CHUNK) break;
    }
  }
  return total;
}

/** A running retention timer. */
export type RetentionJob = { stop(): void };

/**
 * Runs {@link runRetention} every `everyMs` (default an hour) on a timer that keeps no process alive; a pass still
 * running when the next is due is not doubled. Failures go to `onError` and the next pass tries again.
 */
export function startRetentionJob(
  store: Store,
  clock: Clock,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): RetentionJob {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runRetention(store, clock.now());
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
