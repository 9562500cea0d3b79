import { mkdirSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { resolve } from "node:path";
import { runChild } from "./child.ts";
import type { DecideBenchInput, DecideResult } from "./decide.ts";
import type { DeliverBenchInput, DeliverResult } from "./deliver-bench.ts";
import { DELIVER_CHANNELS, type DeliverChannel } from "./deliver-workload.ts";
import type { EngineBenchInput, EngineResult } from "./engine-bench.ts";
import { type BenchFlags, FlagError, parseFlags, type StoreName, USAGE } from "./flags.ts";
import type { IngestBenchInput, IngestResult } from "./ingest-bench.ts";
import type { LatencyBenchInput, LatencyResult } from "./latency-bench.ts";
import { note } from "./progress.ts";
import type { ReportBenchInput, ReportResult } from "./report-bench.ts";
import { benchDatabaseUrl, freshStore, isPostgresReachable, type StoreTarget } from "./stores.ts";

/**
 * `npm run bench`: the onboarding journey on each store, then HTTP ingestion, slot decisions, deliveries (email to
 * an SMTP sink, portal notifications) and the latency from event to email under load on each store. Every benchmark runs in a
 * child process of its own on a fresh store; stdout gets one JSON line per result, stderr the progress and notes.
 */
async function main(flags: BenchFlags): Promise<number> {
  const cpuProfDir = flags.cpuProfDir ? resolve(flags.cpuProfDir) : null;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  note(
    `machine: ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${busy()}`,
  );
  const databaseUrl = benchDatabaseUrl();
  const stores: StoreName[] = [];
  for (const store of flags.stores) {
    if (store === "postgres" && !(await isPostgresReachable(databaseUrl))) {
      note(`postgres: skipped: no PostgreSQL at ${databaseUrl} (set TEST_DATABASE_URL to use another)`);
      continue;
    }
    stores.push(store);
  }
  let failures = 0;
  const bench = async (
    store: StoreName,
    file: string,
    input: (
      target: StoreTarget,
    ) =>
      | EngineBenchInput
      | IngestBenchInput
      | DecideBenchInput
      | DeliverBenchInput
      | LatencyBenchInput
      | ReportBenchInput,
  ) => {
    const fresh = await freshStore(store, databaseUrl);
    note(`${store}: fresh store in ${fresh.where}`);
    try {
      const result = await runChild<
        EngineResult | IngestResult | DecideResult | DeliverResult | LatencyResult | ReportResult
      >(file, input(fresh.target));
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } catch (error) {
      failures++;
      note(`error: ${file} on ${store}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await fresh.remove();
    }
  };
  for (const store of flags.engine ? stores : []) {
    await bench(store, "./engine-bench.ts", (target) => ({
      target,
      customers: flags.customers,
      cpuProfDir,
      sqlTiming: flags.sqlTiming,
    }));
  }
  if (flags.ingest) {
    for (const store of stores) {
      await bench(store, "./ingest-bench.ts", (target) => ({ target, seconds: flags.ingestSeconds, cpuProfDir }));
    }
  }
  if (flags.decide) {
    for (const store of stores)
      await bench(
        store,
        "./decide.ts",
        (target): DecideBenchInput => ({ target, rate: 2_000, seconds: flags.decideSeconds, cpuProfDir }),
      );
  }
  if (flags.deliver) {
    for (const store of stores)
      for (const channel of Object.keys(DELIVER_CHANNELS) as DeliverChannel[])
        await bench(
          store,
          "./deliver-bench.ts",
          (target): DeliverBenchInput => ({ target, channel, messages: flags.deliverMessages, cpuProfDir }),
        );
  }
  if (flags.latency) {
    for (const store of stores)
      for (const rate of flags.latencyRates)
        await bench(
          store,
          "./latency-bench.ts",
          (target): LatencyBenchInput => ({
            target,
            rate,
            seconds: flags.latencySeconds,
            streams: flags.latencyStreams,
          }),
        );
  }
  if (flags.report) {
    // A journey report over 90 days at interval=day, p95 of 50 calls, over the counters 10,000,000 events leave.
    for (const store of stores)
      await bench(
        store,
        "./report-bench.ts",
        (target): ReportBenchInput => ({ target, events: flags.reportEvents, days: 90, journeys: 10, calls: 60 }),
      );
  }
  note(`done; ${busy()}`);
  return failures > 0 ? 1 : 0;
}

/** The 1-minute load average, flagged when other processes compete for the cores (the figures then understate). */
function busy(): string {
  const load = loadavg()[0] ?? 0;
  const flag = load > availableParallelism() / 2 ? " (other processes are busy: the figures will understate)" : "";
  return `load average ${load.toFixed(2)}${flag}`;
}

let flags: BenchFlags;
try {
  flags = parseFlags(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof FlagError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
process.exitCode = await main(flags);
