import type Database from "better-sqlite3";
import { dailyRollups, type Rollup } from "../report-rollups.ts";

const cache = new WeakMap<Database.Database, { hourly: Database.Statement; daily: Database.Statement }>();

/**
 * Adds a batch's report counters, one upsert per key and grain (hour, day); the caller's transaction holds them with
 * its other writes.
 */
export function writeRollups(db: Database.Database, rollups: Rollup[] | undefined): void {
  if (!rollups || rollups.length === 0) return;
  let s = cache.get(db);
  if (!s) {
    s = {
      hourly: db.prepare(
        `INSERT INTO report_rollups (workspace_id, journey_id, hour, step_id, metric, dim, value) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET value = value + excluded.value`,
      ),
      daily: db.prepare(
        `INSERT INTO report_rollups_daily (workspace_id, journey_id, day, step_id, metric, dim, value) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET value = value + excluded.value`,
      ),
    };
    cache.set(db, s);
  }
  for (const r of rollups) s.hourly.run(r.w, r.j, r.h, r.st, r.m, r.d, r.n);
  for (const r of dailyRollups(rollups)) s.daily.run(r.w, r.j, r.h, r.st, r.m, r.d, r.n);
}
