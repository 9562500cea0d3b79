import type pg from "pg";
import { type SqlMigration, type SqlRow, type SqlRunner, toPostgresPlaceholders } from "../sql-runner.ts";
import { mapPostgresFailure, postgresFailure } from "./postgres-errors.ts";
import type { PostgresListeners } from "./postgres-listener.ts";

/** Held while migrating, as the engine's own migrations do, so workers starting at once migrate once. */
const MIGRATION_LOCK = 7_140_002;

/** Statements kept prepared per connection at most: texts beyond these (lists of varying length…) stay unnamed. */
const MAX_NAMED = 500;
/** Text → statement name; a text whose table changed shape under a prepared statement maps to null for good. */
const names = new Map<string, string | null>();
let named = 0;

/**
 * The query config for `sql` with `params`. A statement with parameters gets a name, so each connection parses and
 * plans it once rather than on every call (the slot decision runs its query hundreds of times a second). Without
 * parameters it may hold several statements (migrations), which only an unnamed query can.
 */
function queryOf(sql: string, params: unknown[]): pg.QueryConfig {
  const text = toPostgresPlaceholders(sql);
  if (params.length === 0) return { text, values: params };
  let name = names.get(text);
  if (name === undefined && named < MAX_NAMED) {
    name = `overture_sql_${++named}`;
    names.set(text, name);
  }
  return name ? { name, text, values: params } : { text, values: params };
}

/**
 * Runs a query; when a migration (another process's, during a rolling upgrade) changed the columns a prepared
 * `SELECT *` returns, PostgreSQL refuses the old statement ("cached plan must not change result type"): the text
 * then runs unnamed, now and from then on. A timeout or a lost database is thrown as a TransientError.
 */
async function query(target: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<pg.QueryResult> {
  const config = queryOf(sql, params);
  try {
    return await target.query(config);
  } catch (error) {
    if (!config.name || !isStalePlan(error)) throw postgresFailure(error);
    names.set(config.text, null);
    return mapPostgresFailure(() => target.query({ text: config.text, values: params }));
  }
}

function isStalePlan(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === "0A000" &&
    /cached plan must not change result type/.test(error.message)
  );
}

/** SqlRunner over the pool, or over one client inside a transaction; `listeners` gives the pool's runner `listen`. */
export function postgresRunner(pool: pg.Pool, client?: pg.PoolClient, listeners?: PostgresListeners): SqlRunner {
  const target = () => client ?? pool;
  const runner: SqlRunner = {
    dialect: "postgres",
    all: async <T = SqlRow>(sql: string, params: unknown[] = []) => (await query(target(), sql, params)).rows as T[],
    run: async (sql, params = []) => (await query(target(), sql, params)).rowCount ?? 0,
    transaction: async <T>(work: (tx: SqlRunner) => Promise<T>) => {
      if (client) return work(runner);
      const own = await mapPostgresFailure(() => pool.connect());
      try {
        await own.query("BEGIN");
        const result = await work(postgresRunner(pool, own));
        await own.query("COMMIT");
        return result;
      } catch (error) {
        await own.query("ROLLBACK").catch(() => {});
        throw postgresFailure(error);
      } finally {
        own.release();
      }
    },
    migrate: (migrations: SqlMigration[]) =>
      runner.transaction(async (tx) => {
        await tx.run("SET LOCAL statement_timeout = 0");
        await tx.run("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK]);
        const done = new Set((await tx.all<{ id: string }>("SELECT id FROM schema_migrations")).map((r) => r.id));
        const applied: string[] = [];
        for (const m of migrations) {
          if (done.has(m.id)) continue;
          await tx.run(m.postgres);
          await tx.run("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)", [m.id, Date.now()]);
          applied.push(m.id);
        }
        return applied;
      }),
  };
  if (listeners && !client) runner.listen = (channel, handlers) => listeners.listen(channel, handlers);
  return runner;
}
