import { readFileSync } from "node:fs";
import { DAY_MS, openOverture, runSimulation, VirtualClock } from "@overture/runtime";
import { childMain } from "./child.ts";
import { profiled } from "./profile.ts";
import { note, Progress, round } from "./progress.ts";
import { measureRawWrites } from "./raw-writes.ts";
import { resetSqlTiming, sqlTimingReport, timeSql } from "./sql-timing.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";
import { ENGINE_BATCH, loadPopulation, publishOnboarding, T0 } from "./workload.ts";

/** What run.ts asks of this process. */
export type EngineBenchInput = {
  target: StoreTarget;
  customers: number;
  cpuProfDir: string | null;
  sqlTiming: boolean;
};

/** The `{"bench":"engine",…}` line. */
export type EngineResult = {
  bench: "engine";
  store: StoreTarget["store"];
  customers: number;
  steps: number;
  seconds: number;
  steps_per_s: number;
  raw_steps_per_s: number;
  ratio: number;
  peak_rss_mb: number;
};

/** Raw writes: a sample of this many steps, or the engine's count when smaller, and never fewer than one per customer. */
const RAW_SAMPLE = 300_000;

/** Bytes this process has caused to be written to storage (Linux /proc/self/io); 0 where that is not readable. */
function bytesWritten(): number {
  try {
    return Number(/write_bytes: (\d+)/.exec(readFileSync("/proc/self/io", "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Runs the onboarding journey for the population under virtual time on a fresh store (a child process of its own, so
 * its peak RSS is this store's), then measures the raw writes on the same store.
 */
async function engineBench({ target, customers, cpuProfDir, sqlTiming }: EngineBenchInput): Promise<EngineResult> {
  const label = `${target.store} engine`;
  if (sqlTiming) timeSql();
  const clock = new VirtualClock(T0);
  // Production settings: SQLite at its default durability (FULL), PostgreSQL as the server is configured.
  const overture = await openOverture({ ...storeOptions(target), clock, engine: { batchSize: ENGINE_BATCH } });
  try {
    const { workspaceId } = await overture.workspaces.create("Benchmark");
    await publishOnboarding(overture, workspaceId);
    const loaded = await loadPopulation(overture, workspaceId, customers, target.store);

    resetSqlTiming();
    const progress = new Progress(label, "steps");
    const horizon = loaded.lastAt + DAY_MS - T0;
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    const writtenBefore = bytesWritten();
    const run = await profiled(cpuProfDir, `engine-${target.store}`, () =>
      runSimulation(overture, clock, {
        until: T0 + 60 * DAY_MS,
        onProgress: (p) =>
          progress.update(
            (p.now - T0) / horizon,
            overture.engine.stepsExecuted,
            `day ${((p.now - T0) / DAY_MS).toFixed(1)}`,
          ),
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    // Peak RSS so far: loading and the simulation, before the raw writes add theirs.
    const rssAfterSimulation = process.resourceUsage().maxRSS / 1024;
    const cpu = process.cpuUsage(cpuBefore);
    const written = bytesWritten() - writtenBefore;
    const steps = overture.engine.stepsExecuted;
    progress.done(
      steps,
      `${run.passes} instants, ${run.events.toLocaleString("en-US")} events, ${run.timers.toLocaleString("en-US")} timers`,
    );
    // CPU time of this process: with the wall time, it tells waiting for the database or disk from computing.
    note(
      `${target.store}: simulation ${seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU in this process (${(cpu.system / 1e6).toFixed(1)} s system), ${(written / 1e6).toFixed(0)} MB written to disk by it, peak RSS ${rssAfterSimulation.toFixed(0)} MB by its end`,
    );

    if (sqlTiming) note([`${target.store}: SQL of the simulation, costliest first:`, ...sqlTimingReport()].join("\n"));
    const rawSteps = Math.min(steps, Math.max(customers, RAW_SAMPLE));
    const raw = await measureRawWrites(overture, target, {
      workspaceId,
      customers,
      steps: rawSteps,
      batchSize: ENGINE_BATCH,
      seed: 7,
      label: target.store,
    });
    note(
      `${target.store}: raw writes sampled ${raw.steps.toLocaleString("en-US")} of ${steps.toLocaleString("en-US")} steps`,
    );
    const stepsPerS = steps / seconds;
    const rawPerS = raw.steps / raw.seconds;
    return {
      bench: "engine",
      store: target.store,
      customers,
      steps,
      seconds: round(seconds, 2),
      steps_per_s: Math.round(stepsPerS),
      raw_steps_per_s: Math.round(rawPerS),
      ratio: round(stepsPerS / rawPerS, 3),
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    };
  } finally {
    await overture.close();
  }
}

childMain(engineBench);
