import { parseArgs } from "node:util";

/** The stores a benchmark can run on. */
export const STORE_NAMES = ["sqlite", "postgres"] as const;
export type StoreName = (typeof STORE_NAMES)[number];

/** What `npm run bench` was asked to do. */
export type BenchFlags = {
  customers: number;
  stores: StoreName[];
  /** Run the engine benchmark (off with --no-engine, to measure only the HTTP benchmarks). */
  engine: boolean;
  ingest: boolean;
  ingestSeconds: number;
  /** Run the slot decision API benchmark at the end (off with --no-decide). */
  decide: boolean;
  /** How long the slot decision load is measured per store (--decide-seconds; default 10). */
  decideSeconds: number;
  /** Run the delivery benchmark (email and portal notifications; off with --no-deliver). */
  deliver: boolean;
  /** Messages per channel and store of the delivery benchmark (--deliver-messages; default 100000). */
  deliverMessages: number;
  /** Run the latency benchmark (event accepted → email at the sink; off with --no-latency). */
  latency: boolean;
  /** The event rates of the latency benchmark, per second (--latency-rates; default 500,1000). */
  latencyRates: number[];
  /** How long each latency load runs (--latency-seconds; default 60). */
  latencySeconds: number;
  /** Live notification streams held open during each latency load (--latency-streams; default 50). */
  latencyStreams: number;
  /** Run the journey report benchmark (counters of 10,000,000 events over 90 days; off with --no-report). */
  report: boolean;
  /** Events the report benchmark's counters stand for (--report-events; default 10000000). */
  reportEvents: number;
  /** Where the measured phases write V8 CPU profiles (--cpu-prof DIR), or null. */
  cpuProfDir: string | null;
  /** Time every SQL statement of the simulation and print the costliest (--sql-timing). */
  sqlTiming: boolean;
};

export const USAGE = `npm run bench -- [--customers N] [--stores sqlite,postgres] [--no-engine] [--no-ingest] [--ingest-seconds S] [--no-decide] [--decide-seconds S] [--no-deliver] [--deliver-messages N] [--no-latency] [--latency-rates LIST] [--latency-seconds S] [--latency-streams K] [--no-report] [--report-events N] [--cpu-prof DIR] [--sql-timing]

  --customers N       synthetic customers run through the onboarding journey (default 100000)
  --stores LIST       sqlite, postgres or both (default both; PostgreSQL only when reachable)
  --no-engine         skip the engine benchmark
  --no-ingest         skip the HTTP ingestion benchmark
  --ingest-seconds S  how long the ingestion load runs per store (default 10)
  --no-decide         skip the slot decision API benchmark (GET /v1/portal/slots at 2,000 requests/s)
  --decide-seconds S  how long the slot decision load is measured per store (default 10)
  --no-deliver        skip the delivery benchmark (welcome emails to an SMTP sink, portal notifications)
  --deliver-messages N  messages per channel and store of the delivery benchmark (default 100000)
  --no-latency        skip the latency benchmark (npm start's server under a purchase load: event → email at the sink)
  --latency-rates LIST  events per second of each latency load (default 500,1000)
  --latency-seconds S how long each latency load runs (default 60)
  --latency-streams K live notification streams held open during each latency load (default 50)
  --no-report         skip the journey report benchmark (a 90-day report over the counters of 10,000,000 events)
  --report-events N   events the report benchmark's counters stand for (default 10000000)
  --cpu-prof DIR      write a V8 CPU profile of each measured phase (simulation, ingestion server, dispatcher) to DIR
  --sql-timing        time every SQL statement of the simulation and print the costliest on stderr`;

/** Thrown for bad flags: run.ts prints it with the usage and exits 2. */
export class FlagError extends Error {
  override name = "FlagError";
}

function positiveInt(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new FlagError(`--${flag} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

/** --latency-rates: events per second, comma-separated. */
function rates(value: string | undefined): number[] {
  const list = (value ?? "500,1000").split(",").filter((r) => r.trim() !== "");
  if (list.length === 0) throw new FlagError("--latency-rates names no rate");
  return list.map((r) => positiveInt(r.trim(), "latency-rates", 0, 100_000));
}

/** Parses the command line of `npm run bench`. */
export function parseFlags(args: string[]): BenchFlags {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const stores = (values.stores ?? STORE_NAMES.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of stores)
    if (!(STORE_NAMES as readonly string[]).includes(s))
      throw new FlagError(`--stores takes sqlite and/or postgres, got "${s}"`);
  if (stores.length === 0) throw new FlagError("--stores names no store");
  return {
    customers: positiveInt(values.customers, "customers", 100_000, 10_000_000),
    stores: [...new Set(stores)] as StoreName[],
    engine: !values["no-engine"],
    ingest: !values["no-ingest"],
    ingestSeconds: positiveInt(values["ingest-seconds"], "ingest-seconds", 10, 3_600),
    decide: !values["no-decide"],
    decideSeconds: positiveInt(values["decide-seconds"], "decide-seconds", 10, 3_600),
    deliver: !values["no-deliver"],
    deliverMessages: positiveInt(values["deliver-messages"], "deliver-messages", 100_000, 10_000_000),
    latency: !values["no-latency"],
    latencyRates: rates(values["latency-rates"]),
    latencySeconds: positiveInt(values["latency-seconds"], "latency-seconds", 60, 3_600),
    latencyStreams: positiveInt(values["latency-streams"], "latency-streams", 50, 1_000),
    report: !values["no-report"],
    reportEvents: positiveInt(values["report-events"], "report-events", 10_000_000, 1_000_000_000),
    cpuProfDir: values["cpu-prof"] ?? null,
    sqlTiming: values["sql-timing"] ?? false,
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      customers: { type: "string" },
      stores: { type: "string" },
      "no-engine": { type: "boolean" },
      "no-ingest": { type: "boolean" },
      "ingest-seconds": { type: "string" },
      "no-decide": { type: "boolean" },
      "decide-seconds": { type: "string" },
      "no-deliver": { type: "boolean" },
      "no-report": { type: "boolean" },
      "report-events": { type: "string" },
      "deliver-messages": { type: "string" },
      "no-latency": { type: "boolean" },
      "latency-rates": { type: "string" },
      "latency-seconds": { type: "string" },
      "latency-streams": { type: "string" },
      "cpu-prof": { type: "string" },
      "sql-timing": { type: "boolean" },
    },
  });
}
