import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { JourneyDocument } from "@overture/core";
import type { JourneyStats } from "@overture/runtime";

/** What a draft simulation's thread is given. */
export type DraftSimulationInput = {
  document: JourneyDocument;
  customers: number;
  days: number;
  seed: number;
  /** Virtual time at the start, ms since the epoch. */
  start: number;
  /** An empty folder for the simulation's own SQLite file; the caller deletes it. */
  dataDir: string;
};

/** What the thread reports: progress as it goes, then either the figures or why it failed. */
export type DraftSimulationMessage =
  | { type: "progress"; fraction: number; virtualDay: number }
  | { type: "done"; stats: JourneyStats; nobodyEntered?: string | undefined }
  | { type: "failed"; error: string };

export type DraftSimulationEvents = {
  onProgress(fraction: number, virtualDay: number): void;
  /** `nobodyEntered` says why, in plain words, when nobody entered. */
  onDone(stats: JourneyStats, nobodyEntered?: string): void;
  onFailed(error: string): void;
};

/**
 * Starts the thread that loads the worker module. It registers tsx's loader first, when tsx is installed, so the
 * module's TypeScript (and the workspace packages it imports) runs the same way under `npm start`, Vitest and a
 * compiled build.
 */
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.entry);
})().catch((error) => {
  require("node:worker_threads").parentPort.postMessage({ type: "failed", error: String(error && error.message || error) });
});
`;

/**
 * The ES module of tsx's loader API. A new thread has neither Vitest's transform nor, on Node 20, the loader that
 * `tsx …` registered on the main thread. Resolved from the package's CommonJS entry, beside which it sits.
 */
function tsxApi(): string | null {
  try {
    return pathToFileURL(
      createRequire(import.meta.url)
        .resolve("tsx/esm/api")
        .replace(/\.cjs$/, ".mjs"),
    ).href;
  } catch {
    return null;
  }
}

/**
 * Runs a draft simulation on a thread of its own. SQLite calls are synchronous: on the server's thread a simulation
 * held every other request (portal decisions, event ingestion) for as long as each engine pass took. Resolves when
 * the thread has ended, after exactly one of onDone and onFailed.
 */
export function runDraftSimulation(input: DraftSimulationInput, events: DraftSimulationEvents): Promise<void> {
  const entry = new URL(`./draft-simulation-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url)
    .href;
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...input, entry, tsxApi: tsxApi() } });
  // A simulation is no reason to keep a server that is shutting down alive.
  worker.unref();
  let ended = false;
  const end = (report: () => void) => {
    if (ended) return;
    ended = true;
    report();
  };
  return new Promise((resolve) => {
    worker.on("message", (m: DraftSimulationMessage) => {
      if (m.type === "progress") {
        if (!ended) events.onProgress(m.fraction, m.virtualDay);
        return;
      }
      end(() => (m.type === "done" ? events.onDone(m.stats, m.nobodyEntered) : events.onFailed(m.error)));
      // The thread closes its store and ends by itself; one that hangs on is stopped.
      setTimeout(() => void worker.terminate(), 5_000).unref();
    });
    worker.on("error", (error) => end(() => events.onFailed(error.message)));
    worker.on("exit", (code) => {
      end(() => events.onFailed(`the simulation stopped unexpectedly (exit code ${code})`));
      resolve();
    });
  });
}
