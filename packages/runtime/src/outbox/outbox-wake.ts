import type { Store } from "../store/store.ts";

/**
 * The PostgreSQL channel the engine's commit announces new outbox rows on (NOTIFY inside the transaction that wrote
 * them, so it is heard once they are visible); the payload is the schema's name.
 */
export const OUTBOX_CHANNEL = "overture_outbox";

/** How long an idle dispatcher waits when nothing wakes it: a safety net, the wake-ups do the work. */
export const DISPATCHER_FALLBACK_POLL_MS = 5_000;

/** The lane of a dispatcher that does not name one (`overture worker`'s loop, tests). */
const DEFAULT_LANE = "";

/** The shortest wait before a row due now that we could not claim (another dispatcher holds it) is looked at again. */
const MIN_WAIT_MS = 25;

const announced = new WeakMap<Store, Set<() => void>>();

/**
 * Tells this process's dispatchers on `store` that outbox rows were committed: the in-process signal, all SQLite
 * needs. (On PostgreSQL the commit's NOTIFY wakes every process, this one included.)
 */
export function announceOutbox(store: Store): void {
  for (const wake of announced.get(store) ?? []) wake();
}

/**
 * Wakes the dispatchers of every process on `store`: this process's at once, and on PostgreSQL the others through
 * NOTIFY. For writers of due rows other than the engine (a redrive), which would otherwise wait for the fallback poll.
 */
export async function wakeDispatchers(store: Store): Promise<void> {
  announceOutbox(store);
  if (store.sql.dialect === "postgres") await store.sql.run(`SELECT pg_notify('${OUTBOX_CHANNEL}', current_schema())`);
}

/** The earliest next attempt of a pending row, or null: a dispatcher wakes for it (retries, deferrals). */
export async function nextOutboxAttemptAt(store: Store): Promise<number | null> {
  // The index's own predicate repeated, so SQLite's planner sees that the partial index outbox_due applies.
  const [row] = await store.sql.all<{ at: unknown }>(
    "SELECT next_attempt_at AS at FROM outbox WHERE status IN ('pending', 'sending') AND status = 'pending' ORDER BY next_attempt_at LIMIT 1",
  );
  return row?.at === undefined || row.at === null ? null : Number(row.at);
}

/**
 * What wakes an idle dispatcher: {@link announceOutbox} in this process and, on PostgreSQL, a NOTIFY on
 * {@link OUTBOX_CHANNEL} from any process's engine (`overture worker` on other hosts). A wake-up that comes while
 * nobody waits is kept for the next wait, so none is lost between a pass that found nothing and the wait after it.
 */
export class OutboxWakeUp {
  /** Per lane of the dispatcher (one per channel): rung while it was not waiting, and who waits now. */
  private readonly lanes = new Map<string, { rung: boolean; waiters: Set<() => void> }>();
  private unsubscribe: (() => void) | null = null;
  private listening: Promise<(() => Promise<void>) | null> | null = null;
  /** True once the LISTEN is in place (PostgreSQL): the NOTIFY, not the in-process signal, rings. */
  private hearsNotify = false;

  constructor(
    private readonly store: Store,
    private readonly onError?: (error: unknown) => void,
  ) {}

  /** Subscribes (once; a failed LISTEN is tried again on the next call); resolves when a commit after it will wake us. */
  async start(): Promise<void> {
    if (!this.unsubscribe) {
      const set = announced.get(this.store) ?? new Set();
      announced.set(this.store, set);
      // Where this process hears its own commits' NOTIFY, that is its one ring per commit: two would cost a pass.
      const ring = () => {
        if (!this.hearsNotify) this.ring();
      };
      set.add(ring);
      this.unsubscribe = () => set.delete(ring);
    }
    this.listening ??= this.listen().catch((error: unknown) => {
      this.onError?.(error);
      this.listening = null;
      return null;
    });
    await this.listening;
  }

  /** Wakes every lane: its waiters, or its next wait if none waits now. */
  ring(): void {
    if (this.lanes.size === 0) this.lane(DEFAULT_LANE);
    for (const lane of this.lanes.values()) {
      if (lane.waiters.size === 0) lane.rung = true;
      for (const wake of [...lane.waiters]) wake();
    }
  }

  /** The lane's state, made on first use: make it before the lane's first pass, so no ring falls before its wait. */
  lane(key: string): { rung: boolean; waiters: Set<() => void> } {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { rung: false, waiters: new Set() };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Resolves when the lane is rung (at once if rung since its last wait), after `ms`, or when `abort` fires. */
  wait(ms: number, abort?: AbortSignal, laneKey = DEFAULT_LANE): Promise<"rung" | "timeout" | "aborted"> {
    if (abort?.aborted) return Promise.resolve("aborted");
    const lane = this.lane(laneKey);
    if (lane.rung) {
      lane.rung = false;
      return Promise.resolve("rung");
    }
    return new Promise((resolve) => {
      const done = (how: "rung" | "timeout" | "aborted") => {
        clearTimeout(timer);
        lane.waiters.delete(onRing);
        abort?.removeEventListener("abort", onAbort);
        resolve(how);
      };
      const onRing = () => done("rung");
      const onAbort = () => done("aborted");
      const timer = setTimeout(() => done("timeout"), Math.max(0, ms));
      lane.waiters.add(onRing);
      abort?.addEventListener("abort", onAbort);
    });
  }

  /**
   * Waits until rows may be due: a wake-up, the earliest pending row's next attempt, or `fallbackMs`, whichever
   * comes first; `now` is the dispatcher's clock.
   */
  async waitForWork(
    fallbackMs: number,
    now: number,
    abort?: AbortSignal,
    lane = DEFAULT_LANE,
  ): Promise<"rung" | "timeout" | "aborted"> {
    await this.start();
    const next = await nextOutboxAttemptAt(this.store).catch(() => null);
    const untilDue = next === null ? fallbackMs : Math.max(MIN_WAIT_MS, next - now);
    return this.wait(Math.min(fallbackMs, untilDue), abort, lane);
  }

  /** Stops listening; waiters are left to their timeouts. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const listening = this.listening;
    this.listening = null;
    const stop = await listening;
    await stop?.();
  }

  private async listen(): Promise<(() => Promise<void>) | null> {
    const listen = this.store.sql.listen;
    if (!listen) return null;
    const [row] = await this.store.sql.all<{ s: string }>("SELECT current_schema() AS s");
    const schema = row?.s;
    const stop = await listen.call(this.store.sql, OUTBOX_CHANNEL, {
      onNotify: (payload) => {
        if (payload === schema) this.ring();
      },
      // A NOTIFY sent while the connection was down is lost: look for ourselves.
      onReconnect: () => this.ring(),
    });
    this.hearsNotify = true;
    return async () => {
      this.hearsNotify = false;
      await stop();
    };
  }
}
