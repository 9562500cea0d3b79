import { countsByStatus } from "../ops.ts";
import type { StoreOps } from "../store.ts";
import { POSTGRES_MIGRATIONS } from "./migrations.ts";

type Query = (text: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The PostgreSQL store's operator readings, through the pool (so a database that is down makes them fail). */
export function postgresOps(query: Query, partitions: number): StoreOps {
  return {
    async pendingMigrations() {
      const done = new Set((await query("SELECT id FROM schema_migrations")).map((r) => r.id as string));
      return POSTGRES_MIGRATIONS.map((m) => m.id).filter((id) => !done.has(id));
    },
    async engineLagMs(now) {
      // Index probes per partition (instances_due and event_queue lead with partition), as nextWakeAt does.
      const [row] = await query(
        `SELECT greatest(0, max($2 - timer.at), max($2 - event.at)) AS lag FROM generate_series(0, $1::int - 1) AS p
           LEFT JOIN LATERAL (SELECT wake_at AS at FROM instances WHERE partition = p AND wake_at IS NOT NULL AND wake_at <= $2
             ORDER BY wake_at LIMIT 1) AS timer ON true
           LEFT JOIN LATERAL (SELECT e.received_at AS at FROM event_queue q JOIN events e ON e.seq = q.seq
             WHERE q.partition = p AND q.at <= $2 ORDER BY q.at, q.seq LIMIT 1) AS event ON true`,
        [partitions, now],
      );
      return Math.max(0, Number(row?.lag ?? 0));
    },
    async outboxByStatus() {
      return countsByStatus(
        (await query("SELECT status, count(*) AS n FROM outbox GROUP BY status")) as Array<{
          status: unknown;
          n: unknown;
        }>,
      );
    },
  };
}
