import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateJourney } from "@overture/core";
import type { JourneyStats } from "@overture/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { runDraftSimulation } from "../src/simulation/draft-simulation.ts";
import { WELCOME_JOURNEY } from "./test-app.ts";

describe("a draft simulation's thread", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  const start = Date.UTC(2025, 0, 6);
  // The route hands the thread a validated document, with its defaults filled in.
  const document = validateJourney(WELCOME_JOURNEY).document!;

  it("reports progress in order, then the journey's figures, from a store in the folder it was given", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "overture-draft-test-"));
    dirs.push(dataDir);
    const progress: number[] = [];
    const outcome: { stats?: JourneyStats; error?: string } = {};
    await runDraftSimulation(
      { document, customers: 30, days: 10, seed: 3, start, dataDir },
      {
        onProgress: (fraction) => progress.push(fraction),
        onDone: (stats) => {
          outcome.stats = stats;
        },
        onFailed: (error) => {
          outcome.error = error;
        },
      },
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.stats?.entered).toBe(30);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await readdir(dataDir)).toContain("overture.db");
  });

  it("reports why it failed, once, when its runtime cannot open", async () => {
    const dir = await mkdtemp(join(tmpdir(), "overture-draft-test-"));
    dirs.push(dir);
    // A folder inside a file cannot be made.
    const file = join(dir, "a-file");
    await writeFile(file, "");
    const calls: string[] = [];
    await runDraftSimulation(
      { document, customers: 5, days: 1, seed: 1, start, dataDir: join(file, "simulation") },
      {
        onProgress: () => calls.push("progress"),
        onDone: () => calls.push("done"),
        onFailed: (error) => calls.push(`failed: ${error}`),
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^failed: .*ENOTDIR/);
  });
});
