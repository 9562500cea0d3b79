import { listenForWorkspaceChanges, type SqlRunner, type Store } from "@overture/runtime";
import { DecisionCache, existingDecisionCache, invalidateDecisions, keepDecisionCache } from "./decision-cache.ts";

/**
 * The PostgreSQL channel a write to slots, slot assignments or content is announced on, so that every process drops
 * the decision rows it cached. Payload: `{ schema, workspaceId }`, plus `customerId` when the write was one customer's
 * assignment (only that customer's entries drop).
 */
export const DECISION_CHANNEL = "overture_decisions";

/** After a failed first LISTEN, how long decisions go on with the short TTL before the next attempt. */
const RETRY_LISTEN_MS = 5_000;

function notifySql(customer: boolean): string {
  return `pg_notify('${DECISION_CHANNEL}', json_build_object('schema', current_schema(), 'workspaceId', ?::text${
    customer ? ", 'customerId', ?::text" : ""
  })::text)`;
}

/**
 * Runs a write of one row (INSERT, UPDATE or DELETE, without RETURNING) that changes what slots decide, and returns
 * how many rows it changed (0 or 1). On PostgreSQL the same statement NOTIFYs, only when it changed a row and only
 * once it commits, so no process can miss a write that happened. Then it drops this process's entries.
 */
export async function writeDecisionRow(
  store: Pick<Store, "sql">,
  statement: string,
  params: unknown[],
  target: { workspaceId: string; customerId?: string },
): Promise<number> {
  const customer = target.customerId !== undefined;
  const changed =
    store.sql.dialect === "postgres"
      ? await store.sql.run(
          `WITH changed AS (${statement} RETURNING 1) SELECT ${notifySql(customer)} FROM changed LIMIT 1`,
          [...params, target.workspaceId, ...(customer ? [target.customerId] : [])],
        )
      : await store.sql.run(statement, params);
  if (changed > 0) invalidateDecisions(store, target.workspaceId, target.customerId);
  return changed;
}

/**
 * NOTIFYs a change to the workspace's decisions through `sql` (inside its transaction when it is one: heard at
 * commit). Nothing on SQLite. The caller drops this process's entries itself ({@link invalidateDecisions}) after the
 * transaction.
 */
export async function notifyDecisions(sql: SqlRunner, workspaceId: string, customerId?: string): Promise<void> {
  if (sql.dialect !== "postgres") return;
  await sql.all(`SELECT ${notifySql(customerId !== undefined)}`, [
    workspaceId,
    ...(customerId !== undefined ? [customerId] : []),
  ]);
}

/**
 * The store's decision cache, made on first use. On PostgreSQL making it starts the store's LISTEN on
 * {@link DECISION_CHANNEL}: entries read before that is in place, and all of them whenever its connection is lost,
 * live the short TTL only; when it is back everything cached drops, as writes may have gone unheard meanwhile.
 */
export function decisionCacheOf(store: Store): DecisionCache {
  let cache = existingDecisionCache(store);
  if (!cache) {
    cache = new DecisionCache({ hearsOthers: !store.sql.listen });
    keepDecisionCache(store, cache);
  }
  const failedAt = failedListens.get(store);
  if (
    store.sql.listen &&
    !listening.has(store) &&
    (failedAt === undefined || Date.now() - failedAt >= RETRY_LISTEN_MS)
  ) {
    const started = listenForDecisions(store, cache);
    listening.add(store);
    failedListens.delete(store);
    // Not listening (the database refused, or the store is closing): decisions go on with the short TTL, and a later
    // decision tries again.
    started.catch(() => {
      listening.delete(store);
      failedListens.set(store, Date.now());
    });
  }
  return cache;
}

/** Stores whose LISTEN is in place or on its way (it reconnects by itself once in place). */
const listening = new WeakSet<Store>();
/** When the first LISTEN of a store failed. */
const failedListens = new WeakMap<Store, number>();

async function listenForDecisions(store: Store, cache: DecisionCache): Promise<void> {
  const stop = await listenForWorkspaceChanges(store.sql, DECISION_CHANNEL, {
    onChange: (workspaceId, customerId) => cache.invalidate(workspaceId, customerId),
    onLost: () => cache.setHearsOthers(false),
    onReconnect: () => {
      cache.invalidateAll();
      cache.setHearsOthers(true);
    },
  });
  // Entries read until now were read deaf: they keep the short TTL (their stamps say so), nothing needs to drop.
  if (stop) cache.setHearsOthers(true);
}
