import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateJourney } from "@overture/core";
import { createThrowawaySchema, openOverture, simulateJourney, VirtualClock } from "@overture/runtime";
import { formatFunnel, funnelRows } from "../funnel-table.ts";
import { ProgressBar } from "../progress-bar.ts";
import { readJourneyFile } from "../read-journey.ts";
import { intOption, onePositional, parseCommandArgs, UsageError } from "../usage.ts";
import { formatProblem } from "./validate.ts";

/** Where simulated time starts: a fixed Monday, so a seed always gives the same funnel. */
export const SIMULATION_START = Date.UTC(2025, 0, 6, 0, 0, 0);

/** `overture simulate FILE --customers N --days D [--seed S] [--store sqlite|postgres]`. */
export async function simulateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    customers: { type: "string" },
    days: { type: "string" },
    seed: { type: "string" },
    store: { type: "string" },
  });
  const file = onePositional(positionals, "simulate");
  const customers = intOption(values.customers, "customers", 1000, 1, 10_000_000);
  const days = intOption(values.days, "days", 30, 1, 3650);
  const seed = intOption(values.seed, "seed", 1, 0, 2 ** 32 - 1);
  const store = values.store ?? "sqlite";
  if (store !== "sqlite" && store !== "postgres")
    throw new UsageError(`--store must be sqlite or postgres, got "${store}"`);
  const databaseUrl = process.env.DATABASE_URL;
  if (store === "postgres" && !databaseUrl) throw new UsageError("--store postgres needs DATABASE_URL (postgres://…)");

  const validation = validateJourney(await readJourneyFile(file));
  if (!validation.valid || !validation.document) {
    for (const problem of validation.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(`${file}: cannot simulate an invalid journey (${validation.problems.length} problems)\n`);
    return 1;
  }

  const dataDir = store === "sqlite" ? await mkdtemp(join(tmpdir(), "overture-simulate-")) : undefined;
  // On PostgreSQL the run gets a schema of its own, dropped afterwards, so the database is left as it was.
  const schema = store === "postgres" && databaseUrl ? await createThrowawaySchema(databaseUrl, "simulate") : undefined;
  const clock = new VirtualClock(SIMULATION_START);
  // The SQLite file is thrown away afterwards: surviving a power loss does not matter, speed does.
  const overture = await openOverture(
    schema ? { databaseUrl: schema.url, clock } : { dataDir, clock, durability: "normal" },
  );
  const bar = new ProgressBar();
  try {
    const result = await simulateJourney({
      overture,
      clock,
      document: validation.document,
      customers,
      days,
      seed,
      onProgress: (p) =>
        bar.update({
          fraction: p.fraction,
          label: `day ${p.virtualDay.toFixed(1)}/${days}  ${p.steps.toLocaleString("en-US")} steps`,
        }),
    });
    bar.done();
    const { stats } = result;
    const rate = result.seconds > 0 ? Math.round(result.steps / result.seconds) : result.steps;
    const out = [
      `${validation.document.name}: ${customers.toLocaleString("en-US")} customers over ${days} virtual days (seed ${seed}, ${store})`,
      `${result.events.toLocaleString("en-US")} events, ${result.steps.toLocaleString("en-US")} steps in ${result.seconds.toFixed(1)} s (${rate.toLocaleString("en-US")} steps/s)`,
      ...(result.nobodyEntered ? [result.nobodyEntered] : []),
      `entered ${stats.entered}  active ${stats.active}  completed ${stats.completed}  exited ${stats.exited}  converted ${stats.converted}`,
      "",
      formatFunnel(funnelRows(validation.document, stats)),
    ];
    process.stdout.write(`${out.join("\n")}\n`);
    return 0;
  } finally {
    await overture.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await schema?.drop();
  }
}
