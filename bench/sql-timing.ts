import Database from "better-sqlite3";
import pg from "pg";

/** Per statement text: how many times it ran and for how long, in milliseconds. */
type Timing = { calls: number; ms: number };

const timings = new Map<string, Timing>();
/** The timing of each statement text seen, so the normalising below runs once per text, not once per call. */
const bySql = new Map<string, Timing>();

function record(sql: string, ms: number): void {
  let t = bySql.get(sql);
  if (!t) {
    // Literal numbers (a partition in a lock call) are folded so one statement shape is one line.
    const key = sql
      .replace(/\s+/g, " ")
      .replace(/(?<![$\w])\d+(?!\w)/g, "N")
      .trim();
    t = timings.get(key) ?? { calls: 0, ms: 0 };
    timings.set(key, t);
    bySql.set(sql, t);
  }
  t.calls++;
  t.ms += ms;
}

/**
 * Times every SQL statement this process runs from now on, keyed by its text: better-sqlite3 statements and exec()
 * calls, and node-postgres queries (from the call to the answer, so it includes the round trip and any wait for
 * the connection). For --sql-timing only: it wraps the drivers' prototypes.
 */
export function timeSql(): void {
  const probe = new Database(":memory:");
  const statement = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
  probe.close();
  for (const method of ["run", "get", "all", "iterate"] as const) {
    const original = statement[method] as (this: Database.Statement, ...args: unknown[]) => unknown;
    statement[method] = function (this: Database.Statement, ...args: unknown[]) {
      const began = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        record(this.source, performance.now() - began);
      }
    };
  }
  const database = Database.prototype as unknown as { exec(this: Database.Database, sql: string): unknown };
  const exec = database.exec;
  database.exec = function (this: Database.Database, sql: string) {
    const began = performance.now();
    try {
      return exec.call(this, sql);
    } finally {
      record(sql, performance.now() - began);
    }
  };
  const client = pg.Client.prototype as unknown as { query(...args: unknown[]): unknown };
  const query = client.query;
  client.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    const began = performance.now();
    const last = args.length - 1;
    const callback = args[last];
    // pg-pool passes a callback rather than awaiting the promise.
    if (typeof callback === "function") {
      args[last] = (...results: unknown[]) => {
        record(text, performance.now() - began);
        return (callback as (...r: unknown[]) => unknown)(...results);
      };
    }
    const result = query.apply(this, args);
    if (typeof callback !== "function" && result instanceof Promise)
      return result.finally(() => record(text, performance.now() - began));
    return result;
  };
}

/** The statements that took the most time, as lines for stderr. */
export function sqlTimingReport(top = 15): string[] {
  const rows = [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  return rows.map(
    ([sql, t]) =>
      `${(t.ms / 1000).toFixed(2).padStart(9)} s ${String(t.calls).padStart(9)} calls ${((1000 * t.ms) / t.calls).toFixed(0).padStart(7)} µs/call  ${sql.slice(0, 150)}`,
  );
}

/** Forgets what was timed so far (the measured phase starts). */
export function resetSqlTiming(): void {
  timings.clear();
  bySql.clear();
}
