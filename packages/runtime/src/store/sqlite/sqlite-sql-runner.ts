import type { SqlMigration, SqlRow, SqlRunner } from "../sql-runner.ts";
import type { SqliteStore } from "./sqlite-store.ts";

/** SqlRunner over the store's one connection. Inside a transaction, statements run directly (the lock is held). */
export function sqliteRunner(store: SqliteStore, inTransaction = false): SqlRunner {
  const db = () => store.db;
  const guard = <T>(work: () => T): Promise<T> =>
    inTransaction ? Promise.resolve().then(work) : store.exclusive(work);
  const runner: SqlRunner = {
    dialect: "sqlite",
    all: <T = SqlRow>(sql: string, params: unknown[] = []) => guard(() => store.stmt(sql).all(...params) as T[]),
    run: (sql, params = []) => guard(() => store.stmt(sql).run(...params).changes),
    transaction: <T>(work: (tx: SqlRunner) => Promise<T>) => {
      if (inTransaction) return work(runner);
      return store.exclusive(async () => {
        db().exec("BEGIN IMMEDIATE");
        try {
          const result = await work(sqliteRunner(store, true));
          db().exec("COMMIT");
          return result;
        } catch (error) {
          if (db().inTransaction) db().exec("ROLLBACK");
          throw error;
        }
      });
    },
    migrate: (migrations: SqlMigration[]) =>
      store.exclusive(() => {
        const done = new Set(db().prepare("SELECT id FROM schema_migrations").pluck().all() as string[]);
        const applied: string[] = [];
        for (const m of migrations) {
          if (done.has(m.id)) continue;
          db().transaction(() => {
            db().exec(m.sqlite);
            db().prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)").run(m.id, Date.now());
          })();
          applied.push(m.id);
        }
        return applied;
      }),
  };
  return runner;
}
