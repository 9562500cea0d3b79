import { countsByStatus, lagOf } from "../ops.ts";
import type { StoreOps } from "../store.ts";
import { SQLITE_MIGRATIONS } from "./migrations.ts";
import type { SqliteStore } from "./sqlite-store.ts";

/**
 * The SQLite store's operator readings. Reads run on the connection directly (SQLite readers never wait for the
 * writer in WAL mode); a closed database throws, which is what readiness must see.
 */
export function sqliteOps(store: SqliteStore): StoreOps {
  return {
    async pendingMigrations() {
      const done = new Set(store.stmt("SELECT id FROM schema_migrations").pluck().all() as string[]);
      return SQLITE_MIGRATIONS.map((m) => m.id).filter((id) => !done.has(id));
    },
    async engineLagMs(now) {
      // Per partition, so each reading is an index seek: the earliest timer, and the event at the head of the queue.
      const timer = store
        .stmt("SELECT min(wake_at) FROM instances WHERE partition = ? AND wake_at IS NOT NULL")
        .pluck();
      const event = store
        .stmt(
          "SELECT e.received_at FROM event_queue q JOIN events e ON e.seq = q.seq WHERE q.partition = ? AND q.at <= ? ORDER BY q.at, q.seq LIMIT 1",
        )
        .pluck();
      const times: Array<number | null> = [];
      for (let p = 0; p < store.partitions; p++)
        times.push(timer.get(p) as number | null, (event.get(p, now) as number | undefined) ?? null);
      return lagOf(now, times);
    },
    async outboxByStatus() {
      return countsByStatus(
        store.stmt("SELECT status, count(*) AS n FROM outbox GROUP BY status").all() as Array<{
          status: unknown;
          n: unknown;
        }>,
      );
    },
  };
}
