import pg from "pg";

/**
 * How long the PostgreSQL pool waits, in ms (0: no limit, as PostgreSQL reads it). Without these a database that
 * stops answering hangs every request and every engine pass instead of failing them (issue 12, finding 8).
 */
export type PostgresTimeouts = {
  /** Opening a connection (TCP, TLS, start-up). */
  connectMs: number;
  /** One statement on the server (`statement_timeout`); migrations lift it for their own transaction. */
  statementMs: number;
  /** A transaction left open with nothing running (`idle_in_transaction_session_timeout`): its locks go with it. */
  idleInTransactionMs: number;
};

/** Short enough to fail fast, long enough for the heaviest engine batch measured (docs/benchmarks.md). */
export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
};

/** The environment variables that set each timeout. */
export const POSTGRES_TIMEOUT_ENV = {
  connectMs: "OVERTURE_PG_CONNECT_TIMEOUT_MS",
  statementMs: "OVERTURE_PG_STATEMENT_TIMEOUT_MS",
  idleInTransactionMs: "OVERTURE_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS",
} as const;

/** The timeouts the environment sets over the defaults; a value that is not a whole number of ms is refused by name. */
export function postgresTimeoutsFromEnv(env: Record<string, string | undefined> = process.env): PostgresTimeouts {
  const out = { ...DEFAULT_POSTGRES_TIMEOUTS };
  for (const [field, name] of Object.entries(POSTGRES_TIMEOUT_ENV) as Array<[keyof PostgresTimeouts, string]>) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d{1,9}$/.test(raw))
      throw new Error(`${name} must be a whole number of milliseconds (0 for no limit), got "${raw}"`);
    out[field] = Number(raw);
  }
  return out;
}

/** The store's connection pool: `poolSize` connections, these timeouts, bigint read as number. */
export function createPostgresPool(url: string, options: { poolSize: number; timeouts: PostgresTimeouts }): pg.Pool {
  const t = options.timeouts;
  // Times are epoch milliseconds, exact as JS numbers: read bigint as number for this pool only, not process-wide.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    types,
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
  });
  // An idle connection that dies (server restart) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  return pool;
}
