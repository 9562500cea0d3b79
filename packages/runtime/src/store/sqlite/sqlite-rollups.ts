import type Database from "better-sqlite3";
import type { Rollup } from "../report-rollups.ts";

const cache = new WeakMap<Database.Database, Database.Statement>();

/** Adds a batch's report counters, one upsert per key; the caller's transaction holds them with its other writes. */
export function writeRollups(db: Database.Database, rollups: Rollup[] | undefined): void {
  if (!rollups || rollups.length === 0) return;
  let upsert = cache.get(db);
  if (!upsert) {
    upsert = db.prepare(
      `INSERT INTO report_rollups (workspace_id, journey_id, hour, step_id, metric, dim, value) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET value = value + excluded.value`,
    );
    cache.set(db, upsert);
  }
  for (const r of rollups) upsert.run(r.w, r.j, r.h, r.st, r.m, r.d, r.n);
}
