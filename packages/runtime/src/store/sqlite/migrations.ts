/**
 * Numbered SQLite migrations, applied in order and recorded in `schema_migrations`. Never edit a released
 * one: add the next number. Every table is keyed by workspace_id from the start (workspaces come later).
 */
export const SQLITE_MIGRATIONS: Array<{ id: string; sql: string }> = [
  {
    id: "0001_initial",
    sql: `
CREATE TABLE workspaces (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, workspace_id TEXT NOT NULL REFERENCES workspaces(id), kind TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE journeys (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, draft TEXT NOT NULL,
  current_version INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, id));
CREATE TABLE journey_versions (
  workspace_id TEXT NOT NULL, journey_id TEXT NOT NULL, version INTEGER NOT NULL, document TEXT NOT NULL, published_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, journey_id, version));
CREATE TABLE customers (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, attributes TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id));
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT NOT NULL, name TEXT NOT NULL,
  properties TEXT NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL, partition INTEGER NOT NULL, processed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, id));
CREATE INDEX events_pending ON events (partition, at, seq) WHERE processed = 0;
CREATE INDEX events_customer ON events (workspace_id, customer_id, name, at);
CREATE TABLE instances (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, journey_id TEXT NOT NULL, version INTEGER NOT NULL, customer_id TEXT NOT NULL,
  entry INTEGER NOT NULL, status TEXT NOT NULL, step_id TEXT, state TEXT NOT NULL, wait_until INTEGER, wake_at INTEGER,
  partition INTEGER NOT NULL, entered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, id));
CREATE INDEX instances_due ON instances (partition, wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX instances_customer ON instances (workspace_id, customer_id, journey_id);
CREATE INDEX instances_step ON instances (workspace_id, journey_id, step_id, status);
CREATE TABLE step_transitions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, instance_id TEXT NOT NULL, journey_id TEXT NOT NULL, version INTEGER NOT NULL,
  customer_id TEXT NOT NULL, step_id TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX step_transitions_instance ON step_transitions (workspace_id, instance_id);
CREATE INDEX step_transitions_journey ON step_transitions (workspace_id, journey_id, version, step_id);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, key TEXT NOT NULL, instance_id TEXT NOT NULL, journey_id TEXT NOT NULL,
  version INTEGER NOT NULL, step_id TEXT NOT NULL, customer_id TEXT NOT NULL, channel TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, lease_until INTEGER, last_error TEXT,
  created_at INTEGER NOT NULL, UNIQUE (workspace_id, key));
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_customer ON outbox (workspace_id, customer_id);
CREATE TABLE deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, outbox_key TEXT NOT NULL, channel TEXT NOT NULL, customer_id TEXT NOT NULL,
  status TEXT NOT NULL, detail TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX deliveries_key ON deliveries (workspace_id, outbox_key);
`,
  },
  {
    id: "0002_schedules",
    sql: `
CREATE TABLE schedules (
  workspace_id TEXT NOT NULL, journey_id TEXT NOT NULL, step_id TEXT NOT NULL, next_run_at INTEGER NOT NULL,
  run_at INTEGER, cursor TEXT, PRIMARY KEY (workspace_id, journey_id, step_id));
`,
  },
  {
    // So that a batch's writes land on few pages (a commit writes every page it dirtied, twice: WAL and checkpoint):
    // - events stay as they came (facts); the ones still to match wait in a small queue ordered by time, so marking
    //   one done no longer rewrites its event's page (one per customer when events are loaded ahead, as simulations do);
    // - the history keeps only what analytics and the instance link need (the rest is in the instance row);
    // - instances get an integer id in entry order (a stable rowid), and the history and the outbox are indexed by it
    // rather than by text ids that start with the customer's: customers who entered together are handled together,
    // so their index entries share pages instead of each landing on a random one. An iid is unique in the file, so
    // these indexes leave the workspace out (smaller entries, fewer pages); queries reach them through instances,
    // which are scoped by workspace.
    id: "0003_batch_locality",
    sql: `
CREATE TABLE instances_v3 (
  iid INTEGER PRIMARY KEY, workspace_id TEXT NOT NULL, id TEXT NOT NULL, journey_id TEXT NOT NULL, version INTEGER NOT NULL,
  customer_id TEXT NOT NULL, entry INTEGER NOT NULL, status TEXT NOT NULL, step_id TEXT, state TEXT NOT NULL, wait_until INTEGER,
  wake_at INTEGER, partition INTEGER NOT NULL, entered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  UNIQUE (workspace_id, id));
INSERT INTO instances_v3 (workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at)
  SELECT workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at
  FROM instances ORDER BY entered_at, rowid;
DROP TABLE instances;
ALTER TABLE instances_v3 RENAME TO instances;
CREATE INDEX instances_due ON instances (partition, wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX instances_customer ON instances (workspace_id, customer_id, journey_id);
CREATE INDEX instances_step ON instances (workspace_id, journey_id, step_id, status);
CREATE TABLE step_transitions_v3 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, instance_iid INTEGER NOT NULL, journey_id TEXT NOT NULL, version INTEGER NOT NULL,
  step_id TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL);
INSERT INTO step_transitions_v3 (seq, workspace_id, instance_iid, journey_id, version, step_id, kind, outcome, reason, at)
  SELECT t.seq, t.workspace_id, coalesce(i.iid, 0), t.journey_id, t.version, t.step_id, t.kind, t.outcome, t.reason, t.at
  FROM step_transitions t LEFT JOIN instances i ON i.workspace_id = t.workspace_id AND i.id = t.instance_id ORDER BY t.seq;
DROP TABLE step_transitions;
ALTER TABLE step_transitions_v3 RENAME TO step_transitions;
CREATE INDEX step_transitions_instance ON step_transitions (instance_iid);
CREATE INDEX step_transitions_journey ON step_transitions (workspace_id, journey_id, version, step_id);
CREATE TABLE event_queue (partition INTEGER NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (partition, at, seq)) WITHOUT ROWID;
INSERT INTO event_queue (partition, at, seq) SELECT partition, at, seq FROM events WHERE processed = 0;
DROP INDEX events_pending;
ALTER TABLE events DROP COLUMN processed;
CREATE TABLE outbox_v3 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, key TEXT NOT NULL, instance_iid INTEGER NOT NULL, instance_id TEXT NOT NULL,
  journey_id TEXT NOT NULL, version INTEGER NOT NULL, step_id TEXT NOT NULL, customer_id TEXT NOT NULL, channel TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, lease_until INTEGER, last_error TEXT,
  created_at INTEGER NOT NULL, UNIQUE (instance_iid, key));
INSERT INTO outbox_v3 (seq, workspace_id, key, instance_iid, instance_id, journey_id, version, step_id, customer_id, channel, payload, status, attempts,
    next_attempt_at, lease_until, last_error, created_at)
  SELECT o.seq, o.workspace_id, o.key, coalesce((SELECT i.iid FROM instances i WHERE i.workspace_id = o.workspace_id AND i.id = o.instance_id), 0),
    o.instance_id, o.journey_id, o.version, o.step_id, o.customer_id, o.channel, o.payload, o.status, o.attempts, o.next_attempt_at, o.lease_until,
    o.last_error, o.created_at
  FROM outbox o ORDER BY o.seq;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
`,
  },
  {
    // Per-step counters by hour (store/step-stats.ts) replace counting the facts through an index by journey and step.
    // A goal is counted once per instance, so goals keep a small index of their own.
    id: "0004_step_stats",
    sql: `
CREATE TABLE step_stats (
  workspace_id TEXT NOT NULL, journey_id TEXT NOT NULL, version INTEGER NOT NULL, step_id TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
  hour INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (workspace_id, journey_id, version, step_id, kind, outcome, hour)) WITHOUT ROWID;
INSERT INTO step_stats (workspace_id, journey_id, version, step_id, kind, outcome, hour, n)
  SELECT workspace_id, journey_id, version, step_id, kind, outcome, at / 3600000, count(*) FROM step_transitions GROUP BY 1, 2, 3, 4, 5, 6, 7;
DROP INDEX step_transitions_journey;
CREATE INDEX step_transitions_goal ON step_transitions (workspace_id, journey_id, version, instance_iid) WHERE kind = 'goal';
`,
  },
  {
    // One history row per wake-up instead of one per step (docs/decisions/0011): the steps of a wake-up share the
    // instance and the time, and 16 rows a customer repeated them. Earlier facts are folded in, in their order, so
    // no history is lost. Conversions are counted through a partial index on the rows that hold a goal.
    id: "0005_step_history",
    sql: `
CREATE TABLE step_history (
  seq INTEGER PRIMARY KEY, workspace_id TEXT NOT NULL, instance_iid INTEGER NOT NULL, at INTEGER NOT NULL, goals INTEGER NOT NULL, steps TEXT NOT NULL);
INSERT INTO step_history (workspace_id, instance_iid, at, goals, steps)
  SELECT workspace_id, instance_iid, at, sum(kind = 'goal'), json_group_array(json_array(step_id, kind, outcome, reason) ORDER BY seq)
  FROM step_transitions GROUP BY workspace_id, instance_iid, at ORDER BY min(seq);
DROP TABLE step_transitions;
CREATE INDEX step_history_instance ON step_history (instance_iid);
CREATE INDEX step_history_goal ON step_history (instance_iid) WHERE goals > 0;
`,
  },
  {
    // Retries over a time window instead of a count (docs/decisions/0017): `first_attempt_at` starts the window
    // (a re-drive starts it again), `crashes` counts claims of a row whose lease ran out (its dispatcher died or hung
    // on it: a poison row is quarantined after a few), `dead_at` dates a dead letter for re-drives by time.
    id: "0006_outbox_retry_window",
    sql: `
ALTER TABLE outbox ADD COLUMN first_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN dead_at INTEGER;
CREATE INDEX outbox_dead ON outbox (dead_at) WHERE status = 'dead';
UPDATE outbox SET dead_at = coalesce((SELECT max(d.at) FROM deliveries d WHERE d.workspace_id = outbox.workspace_id AND d.outbox_key = outbox.key AND d.status = 'dead'), created_at)
  WHERE status = 'dead';
`,
  },
  {
    // The canvas reads each step's delivery outcomes every 2 s (issue 15): a journey's rows by step and status; the
    // sent and sending ones (most of them) are counted from this index alone, without reading the rows.
    id: "0007_outbox_by_step",
    sql: "CREATE INDEX outbox_step ON outbox (workspace_id, journey_id, step_id, status, channel, version);",
  },
  {
    // The journeys list (issue 15) files journeys under tags and says who owns each. There are no users yet (issue 13),
    // so the owner is a name or an email typed in the list; tags are a JSON array of strings.
    id: "0008_journey_tags_owner",
    sql: `
ALTER TABLE journeys ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE journeys ADD COLUMN owner TEXT NOT NULL DEFAULT '';
`,
  },
  {
    // The dispatcher claims each channel's rows in a lane of its own (issue 16), so a notification is not queued
    // behind a backlog of emails: the due rows of one channel, in due order, from an index.
    id: "0009_outbox_due_by_channel",
    sql: "CREATE INDEX outbox_due_channel ON outbox (channel, next_attempt_at) WHERE status IN ('pending', 'sending');",
  },
  {
    // Many named keys per workspace with scopes, expiry, last use and revocation (issue 13, docs/decisions/0034). The
    // two keys of before become a "Secret key" that manages and a "Write key" that ingests; `kind` stays for the
    // callers that read it (secret: a key with the manage scope). Their hint cannot name their last characters.
    id: "0010_scoped_keys",
    sql: `
ALTER TABLE api_keys ADD COLUMN id TEXT;
ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE api_keys ADD COLUMN hint TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;
ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER;
ALTER TABLE api_keys ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
UPDATE api_keys SET id = substr(key_hash, 1, 16),
  name = CASE kind WHEN 'secret' THEN 'Secret key' ELSE 'Write key' END,
  scopes = CASE kind WHEN 'secret' THEN '["manage"]' ELSE '["ingest"]' END,
  hint = CASE kind WHEN 'secret' THEN 'ovt_sk_…' ELSE 'ovt_wk_…' END;
CREATE UNIQUE INDEX api_keys_id ON api_keys (id);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
`,
  },
  {
    // Issue 13: an erased customer leaves a tombstone, so late events for the id are dropped at ingestion (one indexed
    // lookup per batch) until the customer is identified again (docs/decisions/0036).
    id: "0011_customer_tombstones",
    sql: `CREATE TABLE customer_tombstones (
  workspace_id TEXT NOT NULL, customer_id TEXT NOT NULL, erased_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, customer_id)) WITHOUT ROWID;`,
  },
  {
    // Issue 14: the reports' hourly counters that step_stats lacks (time to convert, split arms' conversions, message
    // outcomes and engagement per step, content dwell), written in the batch's and the dispatcher's own write, so a
    // report adds up a few rows per hour and never scans events (docs/decisions/0039). The same counters per day too:
    // a 90-day report reads whole days there and only its partial days by the hour. One writer at a time: no shard.
    id: "0014_report_rollups",
    sql: `CREATE TABLE report_rollups (
  workspace_id TEXT NOT NULL, journey_id TEXT NOT NULL, hour INTEGER NOT NULL, step_id TEXT NOT NULL, metric TEXT NOT NULL,
  dim TEXT NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, journey_id, hour, metric, step_id, dim)) WITHOUT ROWID;
CREATE INDEX report_rollups_metric ON report_rollups (workspace_id, metric, hour);
CREATE TABLE report_rollups_daily (
  workspace_id TEXT NOT NULL, journey_id TEXT NOT NULL, day INTEGER NOT NULL, step_id TEXT NOT NULL, metric TEXT NOT NULL,
  dim TEXT NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, journey_id, day, metric, step_id, dim)) WITHOUT ROWID;
CREATE INDEX report_rollups_daily_metric ON report_rollups_daily (workspace_id, metric, day);`,
  },
];
