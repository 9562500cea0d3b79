import { openOverture } from "@overture/runtime";
import { serve } from "@overture/server";
import { childMain, runChild } from "./child.ts";
import type { LoadInput, LoadResult } from "./ingest-load.ts";
import { profiled } from "./profile.ts";
import { note, round } from "./progress.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";

/** What run.ts asks of this process. */
export type IngestBenchInput = { target: StoreTarget; seconds: number; cpuProfDir: string | null };

/** The `{"bench":"ingest",…}` line. */
export type IngestResult = { bench: "ingest"; store: StoreTarget["store"]; events_per_s: number; p99_ms: number };

/** Events per POST and concurrent keep-alive connections of the load process. */
const BATCH_EVENTS = 500;
const CONNECTIONS = 8;

/**
 * Serves the HTTP API on loopback over a fresh store (production settings, system clock, one workspace), loads it
 * from a separate process, then checks that the store holds exactly the events the server said it accepted.
 */
async function ingestBench({ target, seconds, cpuProfDir }: IngestBenchInput): Promise<IngestResult> {
  const overture = await openOverture(storeOptions(target));
  const server = await serve(overture, { port: 0, host: "127.0.0.1" });
  try {
    const { writeKey } = await overture.workspaces.create("Ingestion benchmark");
    const input: LoadInput = {
      url: server.url,
      writeKey,
      seconds,
      connections: CONNECTIONS,
      batchSize: BATCH_EVENTS,
      label: target.store,
    };
    const load = await profiled(cpuProfDir, `ingest-${target.store}`, () =>
      runChild<LoadResult>("./ingest-load.ts", input),
    );
    // No engine runs here, so every stored event is still pending.
    const stored = await overture.store.pendingEventCount();
    note(
      `${target.store} ingest: ${load.accepted.toLocaleString("en-US")} events accepted in ${load.requests} requests of ${BATCH_EVENTS} over ${CONNECTIONS} connections, ${stored.toLocaleString("en-US")} stored`,
    );
    if (load.failed > 0)
      note(
        `warning: ${target.store} ingest: ${load.failed} of ${load.requests} requests failed; first: ${load.firstFailure}`,
      );
    if (stored !== load.accepted)
      note(
        `warning: ${target.store} ingest: the server accepted ${load.accepted} events but the store holds ${stored}`,
      );
    return {
      bench: "ingest",
      store: target.store,
      events_per_s: Math.round(load.accepted / load.seconds),
      p99_ms: round(load.p99Ms, 1),
    };
  } finally {
    await server.close();
    await overture.close();
  }
}

childMain(ingestBench);
