import type { Retention, RetentionSettings } from "@overture/api-contract";
import { MIN_RETENTION_DAYS } from "@overture/api-contract";
import { InputError, type SqlMigration, type Store } from "@overture/runtime";

/** Each workspace's retention windows in days (null: kept forever), owned by privacy/ (docs/table-owners.json). */
export const RETENTION_MIGRATIONS: SqlMigration[] = [
  {
    id: "privacy_0001_retention",
    sqlite: `CREATE TABLE retention_settings (
  workspace_id TEXT NOT NULL PRIMARY KEY, events_days INTEGER, history_days INTEGER, deliveries_days INTEGER,
  updated_at INTEGER NOT NULL)`,
    postgres: `CREATE TABLE retention_settings (
  workspace_id text COLLATE "C" NOT NULL PRIMARY KEY, events_days integer, history_days integer, deliveries_days integer,
  updated_at bigint NOT NULL)`,
  },
];

const ready = new WeakMap<Store, Promise<unknown>>();

/** Creates the table on first use (once per store and process). */
export function ensureRetentionSchema(store: Store): Promise<unknown> {
  let done = ready.get(store);
  if (!done) {
    done = store.sql.migrate(RETENTION_MIGRATIONS);
    ready.set(store, done);
  }
  return done;
}

const OFF: RetentionSettings = { events: null, history: null, deliveries: null };

type Row = {
  workspace_id: string;
  events_days: unknown;
  history_days: unknown;
  deliveries_days: unknown;
  updated_at: unknown;
};

const days = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function fromRow(r: Row): Retention {
  return {
    events: days(r.events_days),
    history: days(r.history_days),
    deliveries: days(r.deliveries_days),
    minimumDays: MIN_RETENTION_DAYS,
    updatedAt: Number(r.updated_at),
  };
}

/** The workspace's windows; all null (keep forever) until set. */
export async function getRetention(store: Store, workspaceId: string): Promise<Retention> {
  await ensureRetentionSchema(store);
  const [row] = await store.sql.all<Row>("SELECT * FROM retention_settings WHERE workspace_id = ?", [workspaceId]);
  return row ? fromRow(row) : { ...OFF, minimumDays: MIN_RETENTION_DAYS, updatedAt: null };
}

/** Saves the windows (validated by RetentionInput: each null or at least MIN_RETENTION_DAYS). */
export async function putRetention(
  store: Store,
  workspaceId: string,
  settings: RetentionSettings,
  now: number,
): Promise<Retention> {
  // The route validates with RetentionInput already; the port checks again for its other callers (the CLI, tests).
  const problems = (["events", "history", "deliveries"] as const)
    .filter(
      (k) => settings[k] !== null && !(Number.isInteger(settings[k]) && (settings[k] as number) >= MIN_RETENTION_DAYS),
    )
    .map((k) => ({
      path: k,
      code: "too_small",
      message: `at least ${MIN_RETENTION_DAYS} days, or null to keep forever`,
    }));
  if (problems.length > 0)
    throw new InputError("invalid_input", `Retention windows are at least ${MIN_RETENTION_DAYS} days.`, problems);
  await ensureRetentionSchema(store);
  await store.sql.run(
    `INSERT INTO retention_settings (workspace_id, events_days, history_days, deliveries_days, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id) DO UPDATE SET events_days = excluded.events_days, history_days = excluded.history_days,
       deliveries_days = excluded.deliveries_days, updated_at = excluded.updated_at`,
    [workspaceId, settings.events, settings.history, settings.deliveries, now],
  );
  return getRetention(store, workspaceId);
}

/** The workspaces with at least one window set, and their windows: what the retention job works through. */
export async function retentionWorkspaces(store: Store): Promise<Array<{ workspaceId: string } & Retention>> {
  await ensureRetentionSchema(store);
  const rows = await store.sql.all<Row>(
    `SELECT * FROM retention_settings
     WHERE events_days IS NOT NULL OR history_days IS NOT NULL OR deliveries_days IS NOT NULL ORDER BY workspace_id`,
  );
  return rows.map((r) => ({ workspaceId: r.workspace_id, ...fromRow(r) }));
}
