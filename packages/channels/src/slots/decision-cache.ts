/**
 * A small in-process cache of the decision query's rows, for the page-render path. Every write of this process to
 * slots, assignments or content bumps the workspace's generation, which empties it for that workspace at once; writes
 * of other processes (another host's dispatcher) show after at most {@link DECISION_CACHE_MS}. The rows are cached,
 * not the decisions: whether an assignment is still on is decided at each call, by the runtime clock.
 */
export const DECISION_CACHE_MS = 2_000;
const MAX_ENTRIES = 20_000;

type Entry = { generation: number; storedAt: number; rows: Record<string, unknown>[] };

const generations = new Map<string, number>();
const entries = new Map<string, Entry>();

/** Forgets what is cached for the workspace (call after writing its slots, assignments or content). */
export function invalidateDecisions(workspaceId: string): void {
  generations.set(workspaceId, (generations.get(workspaceId) ?? 0) + 1);
}

/** The cached rows for this key, or null. `scope` tells caches of different stores apart. */
export function cachedDecisionRows(scope: object, workspaceId: string, key: string): Record<string, unknown>[] | null {
  const entry = entries.get(cacheKey(scope, workspaceId, key));
  if (
    !entry ||
    entry.generation !== (generations.get(workspaceId) ?? 0) ||
    Date.now() - entry.storedAt > DECISION_CACHE_MS
  )
    return null;
  return entry.rows;
}

/** The workspace's generation now: read it before querying, so rows read across a write are stored as already stale. */
export function decisionGeneration(workspaceId: string): number {
  return generations.get(workspaceId) ?? 0;
}

/** Keeps rows read at `generation` (from {@link decisionGeneration}, taken before the query). */
export function cacheDecisionRows(
  scope: object,
  workspaceId: string,
  key: string,
  generation: number,
  rows: Record<string, unknown>[],
): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(cacheKey(scope, workspaceId, key), { generation, storedAt: Date.now(), rows });
}

const scopeIds = new WeakMap<object, number>();
let nextScope = 0;

function cacheKey(scope: object, workspaceId: string, key: string): string {
  let id = scopeIds.get(scope);
  if (id === undefined) {
    id = ++nextScope;
    scopeIds.set(scope, id);
  }
  return `${id}\u0000${workspaceId}\u0000${key}`;
}
