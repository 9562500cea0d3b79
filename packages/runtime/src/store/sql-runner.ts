/**
 * Plain SQL for the parts of Overture that keep their own tables (channels, content, slots…), so they need not
 * grow the engine's store port. Placeholders are `?` on both dialects; JSON goes in as text (JSON.stringify) and
 * comes back through rows.ts `json()`, which reads SQLite text and PostgreSQL jsonb alike.
 */
export type SqlRow = Record<string, unknown>;

/** One numbered migration of a feature, written for each dialect. */
export type SqlMigration = { id: string; sqlite: string; postgres: string };

/**
 * What a LISTEN calls: each payload sent to the channel; when the connection broke (payloads sent until it is back are
 * lost: a cache that relies on them must stop trusting itself); and when it came back.
 */
export type SqlListenHandlers = { onNotify(payload: string): void; onReconnect(): void; onLost?(): void };

export type SqlRunner = {
  readonly dialect: "sqlite" | "postgres";
  all<T = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs `work` in one transaction (everything inside must use the runner it is given). */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Applies the migrations not yet applied (recorded in schema_migrations with the engine's own); returns their ids. */
  migrate(migrations: SqlMigration[]): Promise<string[]>;
  /**
   * PostgreSQL only (absent on SQLite, which is one process): LISTEN on `channel` over one connection of its own, so
   * another process's NOTIFY (or `pg_notify`) reaches this one. Resolves with the function that stops listening.
   */
  listen?(channel: string, handlers: SqlListenHandlers): Promise<() => Promise<void>>;
};

/** `?` placeholders to PostgreSQL's `$1, $2…` (outside quoted strings). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === "?" && !quoted ? `$${++n}` : ch;
  }
  return out;
}
