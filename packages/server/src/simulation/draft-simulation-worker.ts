// A simulation thread parses the draft: it knows the channels' steps as the server does.
import "@overture/channels/browser";
import { parentPort, workerData } from "node:worker_threads";
import { openOverture, simulateJourney, VirtualClock } from "@overture/runtime";
import type { DraftSimulationInput, DraftSimulationMessage } from "./draft-simulation.ts";

/**
 * The body of a draft simulation's thread (started by draft-simulation.ts): runs the draft in a runtime of its own and
 * reports progress, then the journey's figures, to the server's thread.
 */
const input = workerData as DraftSimulationInput;
const post = (message: DraftSimulationMessage) => parentPort?.postMessage(message);

try {
  const clock = new VirtualClock(input.start);
  const overture = await openOverture({ dataDir: input.dataDir, clock, durability: "normal" });
  try {
    const result = await simulateJourney({
      overture,
      clock,
      document: input.document,
      customers: input.customers,
      days: input.days,
      seed: input.seed,
      onProgress: (p) => post({ type: "progress", fraction: p.fraction, virtualDay: p.virtualDay }),
    });
    post({ type: "done", stats: result.stats, nobodyEntered: result.nobodyEntered });
  } finally {
    await overture.close();
  }
} catch (error) {
  post({ type: "failed", error: error instanceof Error ? error.message : String(error) });
}
