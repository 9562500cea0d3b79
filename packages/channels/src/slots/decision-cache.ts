/**
 * An in-process cache of the decision query's rows, for the page-render path: one per store (so two stores in one
 * process, as in the tests, behave like two processes). What keeps it correct:
 * - a write of this process to slots, assignments or content drops the entries it touches at once (a generation per
 *   workspace, and per customer for one customer's assignment);
 * - on PostgreSQL, every process's writes NOTIFY, and the store's LISTEN drops the same entries here
 *   (decision-notify.ts); while that LISTEN is not in place, entries live {@link DECISION_CACHE_UNHEARD_MS} only;
 * - on SQLite (one process) the first point is the whole story.
 * Whatever happens, nothing is kept longer than {@link DECISION_CACHE_MS}: a safety net, not the invalidation.
 * The rows are cached, not the decisions: whether an assignment is still on is decided at each call, by the runtime
 * clock.
 */
export const DECISION_CACHE_MS = 60_000;
/** How long an entry lives while writes of other processes may go unheard (PostgreSQL, LISTEN not in place). */
export const DECISION_CACHE_UNHEARD_MS = 2_000;
const MAX_ENTRIES = 20_000;
const MAX_CUSTOMER_GENERATIONS = 100_000;

/** Where an entry stood when its query began: it is good while none of these moved. */
type Stamp = { epoch: number; workspace: number; customer: number };
/** `heard`: whether other processes' writes were heard when the query began (else the entry keeps the short TTL). */
type Entry = { own: Stamp; anyStore: Stamp; heard: boolean; storedAt: number; rows: Record<string, unknown>[] };

/** What {@link DecisionCache.stamp} gives: where the cache stood when a query began. */
export type QueryStamp = { own: Stamp; anyStore: Stamp; heard: boolean };

/** Generation counters: everything (epoch), per workspace, per customer of a workspace. */
class Generations {
  private epoch = 0;
  private readonly workspaces = new Map<string, number>();
  private readonly customers = new Map<string, number>();

  bump(workspaceId: string, customerId?: string): void {
    if (customerId === undefined) {
      this.workspaces.set(workspaceId, (this.workspaces.get(workspaceId) ?? 0) + 1);
      return;
    }
    // Forgetting counters would bring old entries back to life; moving the epoch drops them all instead.
    if (this.customers.size >= MAX_CUSTOMER_GENERATIONS) this.bumpAll();
    const key = `${workspaceId}\u0000${customerId}`;
    this.customers.set(key, (this.customers.get(key) ?? 0) + 1);
  }

  bumpAll(): void {
    this.epoch++;
    this.customers.clear();
  }

  stamp(workspaceId: string, customerId: string): Stamp {
    return {
      epoch: this.epoch,
      workspace: this.workspaces.get(workspaceId) ?? 0,
      customer: this.customers.get(`${workspaceId}\u0000${customerId}`) ?? 0,
    };
  }

  holds(stamp: Stamp, workspaceId: string, customerId: string): boolean {
    return (
      stamp.epoch === this.epoch &&
      stamp.workspace === (this.workspaces.get(workspaceId) ?? 0) &&
      stamp.customer === (this.customers.get(`${workspaceId}\u0000${customerId}`) ?? 0)
    );
  }
}

/**
 * Writes made through something that is not a store (a transaction's runner, `{ sql: tx }`): this process cannot
 * tell which store's cache they touch, so they count against every cache of the process.
 */
const anyStore = new Generations();

/** The decision rows of one store, with what drops them. */
export class DecisionCache {
  private readonly generations = new Generations();
  private readonly entries = new Map<string, Entry>();
  /** Whether this process hears every other process's writes (PostgreSQL's LISTEN in place, or SQLite). */
  private hearsOthers: boolean;

  constructor(options: { hearsOthers: boolean }) {
    this.hearsOthers = options.hearsOthers;
  }

  /** The cached rows for this customer's key, or null. */
  get(workspaceId: string, customerId: string, key: string, now = Date.now()): Record<string, unknown>[] | null {
    const entry = this.entries.get(entryKey(workspaceId, customerId, key));
    if (!entry) return null;
    const ttl = this.hearsOthers && entry.heard ? DECISION_CACHE_MS : DECISION_CACHE_UNHEARD_MS;
    if (
      now - entry.storedAt > ttl ||
      !this.generations.holds(entry.own, workspaceId, customerId) ||
      !anyStore.holds(entry.anyStore, workspaceId, customerId)
    )
      return null;
    return entry.rows;
  }

  /** Where the cache stands now: take it before querying, so rows read across a write are stored as already stale. */
  stamp(workspaceId: string, customerId: string): QueryStamp {
    return {
      own: this.generations.stamp(workspaceId, customerId),
      anyStore: anyStore.stamp(workspaceId, customerId),
      heard: this.hearsOthers,
    };
  }

  /** Keeps rows read after {@link stamp} gave `stamp`. */
  set(
    workspaceId: string,
    customerId: string,
    key: string,
    stamp: QueryStamp,
    rows: Record<string, unknown>[],
    now = Date.now(),
  ): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(entryKey(workspaceId, customerId, key), { ...stamp, storedAt: now, rows });
  }

  /** Drops the workspace's entries, or only the customer's when the write was one customer's assignment. */
  invalidate(workspaceId: string, customerId?: string): void {
    this.generations.bump(workspaceId, customerId);
  }

  /** Drops everything (the LISTEN came back, and may have missed writes while it was away). */
  invalidateAll(): void {
    this.generations.bumpAll();
  }

  /** Whether other processes' writes are heard now: when not, entries expire after the short TTL. */
  setHearsOthers(hears: boolean): void {
    this.hearsOthers = hears;
  }

  /** Whether entries may live the long TTL now (the LISTEN is in place, or SQLite). */
  isHearingOthers(): boolean {
    return this.hearsOthers;
  }
}

const caches = new WeakMap<object, DecisionCache>();

/** The cache of this store, if one was made ({@link decisionCacheOf} in decide-slots.ts makes them). */
export function existingDecisionCache(store: object): DecisionCache | undefined {
  return caches.get(store);
}

/** Remembers the cache made for this store. */
export function keepDecisionCache(store: object, cache: DecisionCache): void {
  caches.set(store, cache);
}

/**
 * This process wrote the workspace's slots, assignments or content (`customerId`: one customer's assignment only)
 * through `store`: drops what its cache holds of it now (a store that never decided has nothing to drop). Through
 * anything else (`{ sql: tx }`), every cache of the process drops it. Other processes hear it through the NOTIFY the
 * write sent (decision-notify.ts).
 */
export function invalidateDecisions(store: object, workspaceId: string, customerId?: string): void {
  const cache = caches.get(store);
  if (cache) cache.invalidate(workspaceId, customerId);
  else if (!isWholeStore(store)) anyStore.bump(workspaceId, customerId);
}

/** A Store itself (it migrates and closes), not a transaction's runner wrapped as `{ sql }`. */
function isWholeStore(store: object): boolean {
  return typeof (store as { migrate?: unknown }).migrate === "function";
}

function entryKey(workspaceId: string, customerId: string, key: string): string {
  return `${workspaceId}\u0000${customerId}\u0000${key}`;
}
