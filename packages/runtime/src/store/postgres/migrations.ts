/**
 * Numbered PostgreSQL migrations, the same tables, columns and indexes as the SQLite ones (store/sqlite/migrations.ts):
 * jsonb for JSON, bigint for epoch milliseconds, bigserial for sequence columns. Applied in order and recorded in
 * `schema_migrations`. Never edit a released one: add the next number.
 *
 * Identifier columns use the "C" collation so ordering and paging by id are byte order, as on SQLite, whatever
 * the database's default collation is.
 */
export const POSTGRES_MIGRATIONS: Array<{ id: string; sql: string }> = [
  {
    id: "0001_initial",
    sql: `
CREATE TABLE workspaces (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, created_at bigint NOT NULL);
CREATE TABLE api_keys (
  key_hash text COLLATE "C" PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL REFERENCES workspaces(id), kind text NOT NULL, created_at bigint NOT NULL);
CREATE TABLE journeys (
  workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, name text NOT NULL, status text NOT NULL, draft jsonb NOT NULL,
  current_version integer, created_at bigint NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (workspace_id, id));
CREATE TABLE journey_versions (
  workspace_id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL, version integer NOT NULL, document jsonb NOT NULL,
  published_at bigint NOT NULL, PRIMARY KEY (workspace_id, journey_id, version));
CREATE TABLE customers (
  workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, attributes jsonb NOT NULL, created_at bigint NOT NULL,
  updated_at bigint NOT NULL, PRIMARY KEY (workspace_id, id));
CREATE TABLE events (
  seq bigserial PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL, properties jsonb NOT NULL, at bigint NOT NULL, received_at bigint NOT NULL, partition integer NOT NULL,
  processed boolean NOT NULL DEFAULT false, UNIQUE (workspace_id, id));
CREATE INDEX events_pending ON events (partition, at, seq) WHERE NOT processed;
CREATE INDEX events_customer ON events (workspace_id, customer_id, name, at);
CREATE TABLE instances (
  workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL, version integer NOT NULL,
  customer_id text COLLATE "C" NOT NULL, entry integer NOT NULL, status text NOT NULL, step_id text COLLATE "C", state jsonb NOT NULL,
  wait_until bigint, wake_at bigint, partition integer NOT NULL, entered_at bigint NOT NULL, updated_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, id));
CREATE INDEX instances_due ON instances (partition, wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX instances_customer ON instances (workspace_id, customer_id, journey_id);
CREATE INDEX instances_step ON instances (workspace_id, journey_id, step_id, status);
CREATE TABLE step_transitions (
  seq bigserial PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL, instance_id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL,
  version integer NOT NULL, customer_id text COLLATE "C" NOT NULL, step_id text COLLATE "C" NOT NULL, kind text NOT NULL, outcome text NOT NULL,
  reason text NOT NULL, at bigint NOT NULL);
CREATE INDEX step_transitions_instance ON step_transitions (workspace_id, instance_id);
CREATE INDEX step_transitions_journey ON step_transitions (workspace_id, journey_id, version, step_id);
CREATE TABLE outbox (
  seq bigserial PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL, instance_id text COLLATE "C" NOT NULL,
  journey_id text COLLATE "C" NOT NULL, version integer NOT NULL, step_id text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL,
  channel text NOT NULL, payload jsonb NOT NULL, status text NOT NULL, attempts integer NOT NULL DEFAULT 0, next_attempt_at bigint NOT NULL,
  lease_until bigint, last_error text, created_at bigint NOT NULL, UNIQUE (workspace_id, key));
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_customer ON outbox (workspace_id, customer_id);
CREATE TABLE deliveries (
  seq bigserial PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL, outbox_key text COLLATE "C" NOT NULL, channel text NOT NULL,
  customer_id text COLLATE "C" NOT NULL, status text NOT NULL, detail jsonb NOT NULL, at bigint NOT NULL);
CREATE INDEX deliveries_key ON deliveries (workspace_id, outbox_key);
`,
  },
  {
    id: "0002_schedules",
    sql: `
CREATE TABLE schedules (
  workspace_id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL, step_id text COLLATE "C" NOT NULL,
  next_run_at bigint NOT NULL, run_at bigint, cursor text COLLATE "C", PRIMARY KEY (workspace_id, journey_id, step_id));
`,
  },
  {
    // The outbox by customer is found through the customer's instances and the key, which starts with the instance
    // id ("C" collation, so ';' follows ':'): one index fewer to keep up, whose every insert hit a random page.
    id: "0003_batch_locality",
    sql: "DROP INDEX outbox_customer;",
  },
  {
    // As SQLite's 0004: per-step counters by hour replace counting the facts through an index by journey and step.
    id: "0004_step_stats",
    sql: `
CREATE TABLE step_stats (
  workspace_id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL, version integer NOT NULL, step_id text COLLATE "C" NOT NULL,
  kind text NOT NULL, outcome text COLLATE "C" NOT NULL, hour bigint NOT NULL, n bigint NOT NULL,
  PRIMARY KEY (workspace_id, journey_id, version, step_id, kind, outcome, hour));
INSERT INTO step_stats (workspace_id, journey_id, version, step_id, kind, outcome, hour, n)
  SELECT workspace_id, journey_id, version, step_id, kind, outcome, at / 3600000, count(*) FROM step_transitions GROUP BY 1, 2, 3, 4, 5, 6, 7;
DROP INDEX step_transitions_journey;
CREATE INDEX step_transitions_goal ON step_transitions (workspace_id, journey_id, version, instance_id) WHERE kind = 'goal';
`,
  },
  {
    // As SQLite's 0003: events stay as they came; the ones still to match wait in a small queue ordered by time.
    // Marking an event done rewrote its whole row and, the flag being in an index predicate, every index entry.
    id: "0005_event_queue",
    sql: `
CREATE TABLE event_queue (partition integer NOT NULL, at bigint NOT NULL, seq bigint NOT NULL, PRIMARY KEY (partition, at, seq));
INSERT INTO event_queue (partition, at, seq) SELECT partition, at, seq FROM events WHERE NOT processed;
DROP INDEX events_pending;
ALTER TABLE events DROP COLUMN processed;
`,
  },
  {
    // As SQLite's 0005: one history row per wake-up (docs/decisions/0011), earlier facts folded in, in their order.
    id: "0006_step_history",
    sql: `
CREATE TABLE step_history (
  seq bigserial PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL, instance_id text COLLATE "C" NOT NULL, at bigint NOT NULL,
  goals integer NOT NULL, steps jsonb NOT NULL);
INSERT INTO step_history (workspace_id, instance_id, at, goals, steps)
  SELECT workspace_id, instance_id, at, count(*) FILTER (WHERE kind = 'goal'), jsonb_agg(jsonb_build_array(step_id, kind, outcome, reason) ORDER BY seq)
  FROM step_transitions GROUP BY workspace_id, instance_id, at ORDER BY min(seq);
DROP TABLE step_transitions;
CREATE INDEX step_history_instance ON step_history (workspace_id, instance_id);
CREATE INDEX step_history_goal ON step_history (workspace_id, instance_id) WHERE goals > 0;
`,
  },
  {
    // Counters get a shard: the lowest partition of the transaction that wrote them. Transactions on disjoint
    // partitions (two batches of one worker, or several workers) then never update the same counter row, which
    // made them wait on each other and, taking the rows in different orders, deadlock. Readers sum the shards.
    id: "0007_step_stats_shards",
    sql: `
ALTER TABLE step_stats ADD COLUMN shard integer NOT NULL DEFAULT 0;
ALTER TABLE step_stats DROP CONSTRAINT step_stats_pkey;
ALTER TABLE step_stats ADD PRIMARY KEY (workspace_id, journey_id, version, step_id, kind, outcome, hour, shard);
`,
  },
  {
    // Retries over a time window instead of a count (docs/decisions/0017): `first_attempt_at` starts the window
    // (a re-drive starts it again), `crashes` counts claims of a row whose lease ran out (its dispatcher died or hung
    // on it: a poison row is quarantined after a few), `dead_at` dates a dead letter for re-drives by time.
    id: "0008_outbox_retry_window",
    sql: `
ALTER TABLE outbox ADD COLUMN first_attempt_at bigint, ADD COLUMN crashes integer NOT NULL DEFAULT 0, ADD COLUMN dead_at bigint;
CREATE INDEX outbox_dead ON outbox (dead_at) WHERE status = 'dead';
UPDATE outbox SET dead_at = coalesce((SELECT max(d.at) FROM deliveries d WHERE d.workspace_id = outbox.workspace_id AND d.outbox_key = outbox.key AND d.status = 'dead'), created_at)
  WHERE status = 'dead';
`,
  },
  {
    // The canvas reads each step's delivery outcomes every 2 s (issue 15): a journey's rows by step and status; the
    // sent and sending ones (most of them) are counted from this index alone, without reading the rows.
    id: "0009_outbox_by_step",
    sql: "CREATE INDEX outbox_step ON outbox (workspace_id, journey_id, step_id, status, channel, version);",
  },
  {
    // As SQLite's 0008: tags (a JSON array of strings) and an owner typed in the journeys list (no users before issue 13).
    id: "0010_journey_tags_owner",
    sql: "ALTER TABLE journeys ADD COLUMN tags jsonb NOT NULL DEFAULT '[]'::jsonb, ADD COLUMN owner text NOT NULL DEFAULT '';",
  },
  {
    // As SQLite's 0009: each channel's due rows from an index, for the dispatcher's lanes (issue 16).
    id: "0011_outbox_due_by_channel",
    sql: "CREATE INDEX outbox_due_channel ON outbox (channel, next_attempt_at) WHERE status IN ('pending', 'sending');",
  },
  {
    // As SQLite's 0010: named keys with scopes, expiry, last use and revocation (issue 13, docs/decisions/0034).
    id: "0012_scoped_keys",
    sql: `
ALTER TABLE api_keys ADD COLUMN id text COLLATE "C", ADD COLUMN name text NOT NULL DEFAULT '',
  ADD COLUMN scopes jsonb NOT NULL DEFAULT '[]'::jsonb, ADD COLUMN hint text NOT NULL DEFAULT '',
  ADD COLUMN expires_at bigint, ADD COLUMN last_used_at bigint, ADD COLUMN revoked_at bigint,
  ADD COLUMN created_by text NOT NULL DEFAULT '';
UPDATE api_keys SET id = substr(key_hash, 1, 16),
  name = CASE kind WHEN 'secret' THEN 'Secret key' ELSE 'Write key' END,
  scopes = CASE kind WHEN 'secret' THEN '["manage"]'::jsonb ELSE '["ingest"]'::jsonb END,
  hint = CASE kind WHEN 'secret' THEN 'ovt_sk_…' ELSE 'ovt_wk_…' END;
CREATE UNIQUE INDEX api_keys_id ON api_keys (id);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
`,
  },
  {
    // As SQLite's 0011: erased customers' tombstones (docs/decisions/0036).
    id: "0013_customer_tombstones",
    sql: `CREATE TABLE customer_tombstones (
  workspace_id text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, erased_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, customer_id));`,
  },
  {
    // As SQLite's 0014: the reports' hourly and daily counters (docs/decisions/0039). Sharded like step_stats (decision 0012): a
    // batch writes the shard of its lowest partition, the dispatcher one of its batch, so concurrent writers of one hour
    // and key do not wait on each other's row locks; reads add the shards up.
    id: "0016_report_rollups",
    sql: `CREATE TABLE report_rollups (
  workspace_id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL, hour bigint NOT NULL,
  step_id text COLLATE "C" NOT NULL, metric text COLLATE "C" NOT NULL, dim text COLLATE "C" NOT NULL,
  shard integer NOT NULL DEFAULT 0, value bigint NOT NULL,
  PRIMARY KEY (workspace_id, journey_id, hour, metric, step_id, dim, shard));
CREATE INDEX report_rollups_metric ON report_rollups (workspace_id, metric, hour);
CREATE TABLE report_rollups_daily (
  workspace_id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL, day bigint NOT NULL,
  step_id text COLLATE "C" NOT NULL, metric text COLLATE "C" NOT NULL, dim text COLLATE "C" NOT NULL,
  shard integer NOT NULL DEFAULT 0, value bigint NOT NULL,
  PRIMARY KEY (workspace_id, journey_id, day, metric, step_id, dim, shard));
CREATE INDEX report_rollups_daily_metric ON report_rollups_daily (workspace_id, metric, day);`,
  },
];
