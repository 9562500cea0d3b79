import { openOverture, type SqlRunner } from "@overture/runtime";
import { childMain } from "./child.ts";
import { note, Progress } from "./progress.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";

/** The report benchmark's input: where, how many events the counters stand for, how many report calls to time. */
export type ReportBenchInput = { target: StoreTarget; events: number; days: number; journeys: number; calls: number };

export type ReportResult = {
  bench: "report";
  store: "sqlite" | "postgres";
  events: number;
  p95_ms: number;
  p50_ms: number;
  days: number;
  journeys: number;
  rows: number;
  fill_s: number;
  notes: string;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2027-01-01T00:00:00Z: the end of the 90 days the counters cover. */
const END = Date.UTC(2027, 0, 1);

/** A journey as the report reads it: a split into two emails, a reminder after a wait, a goal. */
const JOURNEY = {
  schemaVersion: 1,
  name: "Report bench",
  settings: { reentry: "always", goal: { name: "Bought", event: "purchase" } },
  steps: [
    { id: "t", type: "trigger", trigger: { type: "event", event: "signup" }, next: "s" },
    {
      id: "s",
      type: "split",
      arms: [
        { id: "a", label: "Short", percent: 50, next: "mail-a" },
        { id: "b", label: "Long", percent: 50, next: "mail-b" },
      ],
    },
    { id: "mail-a", type: "email", subject: "Hi", body: "<mjml><mj-body></mj-body></mjml>", next: "w" },
    { id: "mail-b", type: "email", subject: "Hello", body: "<mjml><mj-body></mj-body></mjml>", next: "w" },
    { id: "w", type: "wait", wait: { type: "duration", duration: "2d" }, next: "remind" },
    { id: "remind", type: "email", subject: "Still there?", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

/**
 * Per hour of one journey, what `entries` entries leave in the counters: a (step, kind, outcome) count per funnel
 * transition, and per message step its outcomes, opens and clicks; conversions with their time and arms. About nine
 * events (signup, purchase, opens, clicks, views…) stand behind each entry.
 */
function hourOfJourney(entries: number): {
  stats: Array<[string, string, string, number]>;
  rollups: Array<[string, string, string, number]>;
} {
  const half = Math.floor(entries / 2);
  const converted = Math.floor(entries * 0.12);
  const stats: Array<[string, string, string, number]> = [
    ["t", "step", "next", entries],
    ["s", "step", "a", half],
    ["s", "step", "b", entries - half],
    ["mail-a", "step", "next", half],
    ["mail-b", "step", "next", entries - half],
    ["w", "step", "waiting", entries],
    ["w", "step", "next", entries],
    ["remind", "step", "next", entries - converted],
    ["done", "complete", "completed", entries],
    ["w", "goal", "Bought", converted],
  ];
  const rollups: Array<[string, string, string, number]> = [
    ["t", "entered", "", entries],
    ["", "convert_ms", "Bought", converted * 20 * HOUR],
    ["", "convert_n", "Bought", converted],
    ["s", "split_converted", "a", Math.floor(converted * 0.45)],
    ["s", "split_converted", "b", converted - Math.floor(converted * 0.45)],
  ];
  for (const [step, n] of [
    ["mail-a", half],
    ["mail-b", entries - half],
    ["remind", entries - converted],
  ] as Array<[string, number]>) {
    rollups.push(
      [step, "msg_sent", "email", n],
      [step, "msg_delivered", "email", Math.floor(n * 0.97)],
      [step, "msg_bounced", "email", Math.ceil(n * 0.02)],
      [step, "msg_failed", "email", Math.ceil(n * 0.01)],
      [step, "msg_skipped", "no_consent", Math.ceil(n * 0.03)],
      [step, "msg_deferred", "email", Math.ceil(n * 0.05)],
      [step, "msg_opened", "email", Math.floor(n * 0.4)],
      [step, "msg_clicked", "email", Math.floor(n * 0.1)],
      [step, "msg_unsubscribed", "email", Math.ceil(n * 0.005)],
    );
  }
  return { stats, rollups };
}

/** Columns of the counter tables the fill writes, in order (shard only on PostgreSQL). */
const TABLES = {
  step_stats: ["workspace_id", "journey_id", "version", "step_id", "kind", "outcome", "hour"],
  report_rollups: ["workspace_id", "journey_id", "hour", "step_id", "metric", "dim"],
  report_rollups_daily: ["workspace_id", "journey_id", "day", "step_id", "metric", "dim"],
} as const;
const TYPES: Record<string, string> = { version: "int", hour: "bigint", day: "bigint", shard: "int" };

/**
 * Inserts rows (the table's columns, then shard on PostgreSQL, then the count): on PostgreSQL one statement of JSON
 * rows, on SQLite multi-row VALUES of at most 500 rows.
 */
async function insertRows(sql: SqlRunner, table: keyof typeof TABLES, sharded: boolean, rows: unknown[][]) {
  if (rows.length === 0) return;
  const value = table === "step_stats" ? "n" : "value";
  const columns = [...TABLES[table], ...(sharded ? ["shard"] : []), value];
  if (sql.dialect === "postgres") {
    const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
    const record = columns.map((c) => `${c} ${TYPES[c] ?? (c === value ? "bigint" : "text")}`).join(", ");
    await sql.run(
      `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${columns.join(", ")} FROM jsonb_to_recordset(?::jsonb) AS x(${record})`,
      [JSON.stringify(objects)],
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const values = part.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    await sql.run(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`, part.flat());
  }
}

async function main(input: ReportBenchInput): Promise<ReportResult> {
  const overture = await openOverture({ ...storeOptions(input.target), clock: { now: () => END } });
  const { store } = overture;
  const sql = store.sql;
  const ws = (await overture.workspaces.ensureDefault()).workspaceId;
  const ids: string[] = [];
  for (let j = 0; j < input.journeys; j++) {
    const id = (await overture.journeys.create(ws, { name: `Report bench ${j}`, document: JOURNEY })).id;
    await overture.journeys.publish(ws, id);
    ids.push(id);
  }
  // Concurrent batches on PostgreSQL write a shard each (decision 0012): the counters of one hour and key are spread
  // over a few rows there, which the reads add up.
  const shards = input.target.store === "postgres" ? 4 : 1;
  const hours = input.days * 24;
  const first = Math.floor((END - input.days * DAY) / HOUR);
  const perHour = Math.max(1, Math.round(input.events / 9 / input.journeys / hours / shards));
  const progress = new Progress(`${input.target.store} report fill`, "hours");
  const began = performance.now();
  let rows = 0;
  const sharded = shards > 1;
  for (let day = 0; day < input.days; day++) {
    const statRows: unknown[][] = [];
    const rollupRows: unknown[][] = [];
    // The day's counters per key, as the writers keep them beside the hourly ones.
    const daily = new Map<string, unknown[]>();
    const addDaily = (key: unknown[], n: number) => {
      const id = JSON.stringify(key);
      const row = daily.get(id);
      if (row) row[row.length - 1] = (row[row.length - 1] as number) + n;
      else daily.set(id, [...key, n]);
    };
    for (let hh = 0; hh < 24; hh++) {
      const h = day * 24 + hh;
      // Daily rhythm: more entries by day than by night, so series have a shape.
      const rhythm = 0.5 + Math.sin((hh / 24) * Math.PI);
      const add = (j: string, st: string, m: string, d: string, shard: number, n: number) => {
        rollupRows.push([ws, j, first + h, st, m, d, ...(sharded ? [shard] : []), n]);
        addDaily([ws, j, Math.floor((first + h) / 24), st, m, d, ...(sharded ? [shard] : [])], n);
      };
      for (const j of ids) {
        const { stats, rollups } = hourOfJourney(Math.max(1, Math.round(perHour * rhythm)));
        for (let shard = 0; shard < shards; shard++) {
          for (const [st, k, o, n] of stats)
            if (n > 0) statRows.push([ws, j, 1, st, k, o, first + h, ...(sharded ? [shard] : []), n]);
          for (const [st, m, d, n] of rollups) if (n > 0) add(j, st, m, d, shard, n);
        }
      }
      // Content views, the overview's (no journey).
      for (let c = 0; c < 20; c++)
        for (let shard = 0; shard < shards; shard++) {
          add("", `content-${c}`, "content_views", "", shard, 5 + c);
          add("", `content-${c}`, "content_dwell", "", shard, (5 + c) * 30_000);
        }
    }
    await sql.transaction(async (tx) => {
      await insertRows(tx, "step_stats", sharded, statRows);
      await insertRows(tx, "report_rollups", sharded, rollupRows);
      await insertRows(tx, "report_rollups_daily", sharded, [...daily.values()]);
    });
    rows += statRows.length + rollupRows.length + daily.size;
    progress.update((day + 1) / input.days, (day + 1) * 24, `${rows} rows`);
  }
  const fillS = (performance.now() - began) / 1000;
  if (input.target.store === "postgres") await sql.run("ANALYZE step_stats, report_rollups, report_rollups_daily");
  note(
    `${input.target.store}: ${rows} counter rows for ${input.events} events over ${input.days} days in ${fillS.toFixed(1)} s`,
  );

  const query = { from: END - 90 * DAY, to: END, interval: "day" as const };
  const check = await overture.reports.journeyReport(ws, ids[0] as string, query);
  if (check.series.length !== 90 || check.totals.entries === 0)
    throw new Error(`the report read nothing: ${check.series.length} points, ${check.totals.entries} entries`);
  for (let i = 0; i < 5; i++) await overture.reports.journeyReport(ws, ids[i % ids.length] as string, query);
  const times: number[] = [];
  const timing = new Progress(`${input.target.store} journey report`, "calls");
  for (let i = 0; i < input.calls; i++) {
    const t = performance.now();
    await overture.reports.journeyReport(ws, ids[i % ids.length] as string, query);
    times.push(performance.now() - t);
    timing.update((i + 1) / input.calls, i + 1);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  await overture.close();
  return {
    bench: "report",
    store: input.target.store,
    events: input.events,
    p95_ms: Math.round(at(0.95) * 10) / 10,
    p50_ms: Math.round(at(0.5) * 10) / 10,
    days: input.days,
    journeys: input.journeys,
    rows,
    fill_s: Math.round(fillS),
    notes: `counter rows written directly as ${input.events} events over ${input.days} days would leave them (${input.journeys} journeys, ${shards} shard(s) per key); the engine was not driven. journeyReport over 90 days at interval=day, ${input.calls} calls after 5 warm-up calls.`,
  };
}

childMain(main);
