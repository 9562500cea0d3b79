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
  /** Where the measured phases write V8 CPU profiles (--cpu-prof DIR), or null. */
  cpuProfDir: string | null;
  /** Time every SQL statement of the simulation and print the costliest (--sql-timing). */
  sqlTiming: boolean;
};

export const USAGE = `npm run bench -- [--customers N] [--stores sqlite,postgres] [--no-engine] [--no-ingest] [--ingest-seconds S] [--no-decide] [--decide-seconds S] [--no-deliver] [--deliver-messages N] [--cpu-prof DIR] [--sql-timing]

  --customers N       synthetic customers run through the onboarding journey (default 100000)
  --stores LIST       sqlite, postgres or both (default both; PostgreSQL only when reachable)
  --no-engine         skip the engine benchmark
  --no-ingest         skip the HTTP ingestion benchmark
  --ingest-seconds S  how long the ingestion load runs per store (default 10)
  --no-decide         skip the slot decision API benchmark (GET /v1/portal/slots at 2,000 requests/s)
  --decide-seconds S  how long the slot decision load is measured per store (default 10)
  --no-deliver        skip the delivery benchmark (welcome emails to an SMTP sink, portal notifications)
  --deliver-messages N  messages per channel and store of the delivery benchmark (default 100000)
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
      "deliver-messages": { type: "string" },
      "cpu-prof": { type: "string" },
      "sql-timing": { type: "boolean" },
    },
  });
}
