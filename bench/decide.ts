import { readFileSync } from "node:fs";
import { assignSlot, customerToken, ensurePortalSchemas, seedPortalContent, useSecretBox } from "@overture/channels";
import { createSecretBox, openOverture, type SqlRunner } from "@overture/runtime";
import { serve } from "@overture/server";
import { childMain, runChild } from "./child.ts";
import type { FloorInput } from "./decide-floor.ts";
import type { LoadInput, LoadResult } from "./decide-load.ts";
import { watchEventLoop } from "./loop-delay.ts";
import { pinTo } from "./pin.ts";
import { profiled } from "./profile.ts";
import { note, round } from "./progress.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";

/**
 * The decision API benchmark: `GET /v1/portal/slots` (what each slot shows a customer now) is on the page-render path,
 * so it must stay fast under load. One child serves it over a fresh store; a second process loads it on loopback at a
 * fixed rate (open loop: requests leave on schedule whatever the answers do, and latency counts from the scheduled
 * time, so a slow server cannot hide its queueing). run.ts forks this file as the server; the load is decide-load.ts.
 */

/** What run.ts asks of the decision server. */
export type DecideBenchInput = { target: StoreTarget; rate: number; seconds: number; cpuProfDir: string | null };

/** The `{"bench":"decide",…}` line. */
export type DecideResult = {
  bench: "decide";
  store: StoreTarget["store"];
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** The same load on a bare node:http server: what the machine and the load process cost without Overture. */
  floor_p50_ms: number;
  floor_p99_ms: number;
  /** p99_ms / floor_p99_ms: what Overture adds at the tail, read against the machine of the same run. */
  ratio: number;
  /** The target of the ratio (issue 16): the decision API's p99 at most this many times the floor's. */
  target_ratio: number;
};

/** The decision API's p99 may be at most this many times the bare server's, measured in the same run. */
export const DECIDE_TARGET_RATIO = 1.5;

/** Customers with tokens; every other one has the hero slot personalized by a journey. */
const CUSTOMERS = 1_000;
const FEED = new URL("../examples/onboarding/content.json", import.meta.url);
const WARM_UP_SECONDS = 2;

async function server({ target, rate, seconds, cpuProfDir }: DecideBenchInput): Promise<DecideResult> {
  pinTo(0);
  const overture = await openOverture(storeOptions(target));
  // Identity secrets are sealed at rest (issue 12): the box `serve` sets up from OVERTURE_SECRET.
  useSecretBox(overture.store, createSecretBox("bench decide secret"));
  const running = await serve(overture, { port: 0, host: "127.0.0.1" });
  try {
    const { workspaceId, writeKey } = await overture.workspaces.create("Decision benchmark");
    await ensurePortalSchemas(overture.store);
    const now = overture.clock.now();
    await seedPortalContent(overture.store, workspaceId, JSON.parse(readFileSync(FEED, "utf8")), now);
    const customers: LoadInput["customers"] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const id = `customer-${String(i + 1).padStart(7, "0")}`;
      customers.push({
        id,
        token: await customerToken(overture.store, workspaceId, id, now),
        personalized: i % 2 === 0,
      });
    }
    // One transaction: on SQLite with full durability, a commit per assignment would be a disk flush each.
    await overture.store.sql.transaction(async (tx) => {
      for (const c of customers.filter((c) => c.personalized)) {
        await assignSlot({ sql: tx }, workspaceId, c.id, {
          slot: "dashboard.hero",
          contentId: "onboarding-hero",
          until: now + 14 * 86_400_000,
          key: `bench-${c.id}`,
          now,
        });
      }
    });
    const base: LoadInput = { url: running.url, writeKey, customers, rate, seconds, warmUpSeconds: WARM_UP_SECONDS };
    note(`${target.store} decide: ${WARM_UP_SECONDS} s of untimed load first, then ${seconds} s measured`);
    const reads = countReads(overture.store.sql);
    const loop = watchEventLoop();
    const cpuBefore = process.cpuUsage();
    const load = await profiled(cpuProfDir, `decide-${target.store}`, () =>
      runChild<LoadResult>("./decide-load.ts", base),
    );
    const loopDelay = loop.stop();
    const cpu = process.cpuUsage(cpuBefore);
    // The server's event loop during the load (warm-up included): a stall here is latency for every request queued behind it.
    note(
      `${target.store} decide: event loop delay p99/max: server ${round(loopDelay.p99Ms, 1)}/${round(loopDelay.maxMs, 1)} ms, load process ${round(load.loopP99Ms, 1)}/${round(load.loopMaxMs, 1)} ms`,
    );
    note(
      `${target.store} decide: ${load.ok.toLocaleString("en-US")} answers at ${rate} requests/s offered for ${round(load.seconds, 1)} s, ${load.failed} failed, ${load.wrong} wrong`,
    );
    // CPU time and reads are steadier than latency on a shared machine: what one answer costs the server, warm-up
    // included.
    const answered = load.ok + (load.warmUpOk ?? 0);
    const cpuMs = (cpu.user + cpu.system) / 1_000;
    note(
      `${target.store} decide: ${reads().toLocaleString("en-US")} SQL reads (store.sql), server CPU ${round(cpuMs / answered, 3)} ms per answer, for ${answered.toLocaleString("en-US")} answers`,
    );
    if (load.failed > 0) note(`warning: ${target.store} decide: first failure: ${load.firstFailure}`);
    if (load.wrong > 0) throw new Error(`${load.wrong} answers did not show the customer's personalized hero`);
    note(
      `${target.store} decide: the same load on a bare node:http server (the floor of this machine and load process)`,
    );
    const floor = await runChild<LoadResult>("./decide-floor.ts", {
      customers,
      rate,
      seconds,
      warmUpSeconds: WARM_UP_SECONDS,
    } satisfies FloorInput);
    return {
      bench: "decide",
      store: target.store,
      rps: Math.round(load.ok / load.seconds),
      p50_ms: round(load.p50Ms, 2),
      p99_ms: round(load.p99Ms, 2),
      floor_p50_ms: round(floor.p50Ms, 2),
      floor_p99_ms: round(floor.p99Ms, 2),
      ratio: round(load.p99Ms / floor.p99Ms, 2),
      target_ratio: DECIDE_TARGET_RATIO,
    };
  } finally {
    await running.close();
    await overture.close();
  }
}

/** Counts the reads made through `sql` from now on (the decision query, the identity keys): what the cache saves. */
function countReads(sql: SqlRunner): () => number {
  let reads = 0;
  const all = sql.all.bind(sql);
  (sql as { all: SqlRunner["all"] }).all = (text, params) => {
    reads++;
    return all(text, params);
  };
  return () => reads;
}

childMain<DecideBenchInput, DecideResult>(server);
