import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { cpus } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { assignSlot, customerToken, ensurePortalSchemas, seedPortalContent } from "@overture/channels";
import { openOverture } from "@overture/runtime";
import { serve } from "@overture/server";
import { childMain, runChild } from "./child.ts";
import { httpRequest } from "./http-request.ts";
import { profiled } from "./profile.ts";
import { note, round } from "./progress.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";

/**
 * The decision API benchmark: `GET /v1/portal/slots` (what each slot shows a customer now) is on the page-render path,
 * so it must stay fast under load. One child serves it over a fresh store; a second process loads it on loopback at a
 * fixed rate (open loop: requests leave on schedule whatever the answers do, and latency counts from the scheduled
 * time, so a slow server cannot hide its queueing). Both roles live in this file: run.ts forks it as the server.
 */

/**
 * Pins this process to one core (Linux, `taskset`, two cores or more): the server to core 0, the load to core 1. On a
 * 2-core machine the scheduler otherwise runs them on one core in turns, and each one's wait shows as the other's
 * latency. Elsewhere nothing is pinned.
 */
function pinTo(core: number): void {
  // cpus(), not availableParallelism(): the latter counts only the cores this process may use, one once pinned.
  if (process.platform !== "linux" || cpus().length < 2) return;
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(core), String(process.pid)], { stdio: "ignore" });
  } catch {
    note("decide: taskset is not available; the server and the load process share the cores");
  }
}

/** What run.ts asks of the server role. */
export type DecideBenchInput = { role: "server"; target: StoreTarget; rate: number; seconds: number; cpuProfDir: string | null };

/** The `{"bench":"decide",…}` line. */
export type DecideResult = { bench: "decide"; store: StoreTarget["store"]; rps: number; p50_ms: number; p99_ms: number };

type LoadInput = {
  role: "load";
  url: string;
  writeKey: string;
  customers: Array<{ id: string; token: string; personalized: boolean }>;
  rate: number;
  seconds: number;
  label: string;
};
type LoadResult = {
  ok: number;
  failed: number;
  wrong: number;
  firstFailure: string | null;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** The load process's own event loop delay: when it stalls, latencies it measures include its own lateness. */
  loopP99Ms: number;
  loopMaxMs: number;
};

/** Customers with tokens; every other one has the hero slot personalized by a journey. */
const CUSTOMERS = 1_000;
const SLOTS = "dashboard.hero,sidebar.tip";
const FEED = new URL("../examples/onboarding/content.json", import.meta.url);
/** Requests in flight at most: past this the server is not keeping up, and the load stops adding to the pile. */
const MAX_IN_FLIGHT = 512;
const REQUEST_TIMEOUT_MS = 10_000;
const WARM_UP_SECONDS = 2;

async function server({ target, rate, seconds, cpuProfDir }: DecideBenchInput): Promise<DecideResult> {
  pinTo(0);
  const overture = await openOverture(storeOptions(target));
  const running = await serve(overture, { port: 0, host: "127.0.0.1" });
  try {
    const { workspaceId, writeKey } = await overture.workspaces.create("Decision benchmark");
    await ensurePortalSchemas(overture.store);
    const now = overture.clock.now();
    await seedPortalContent(overture.store, workspaceId, JSON.parse(readFileSync(FEED, "utf8")), now);
    const customers: LoadInput["customers"] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const id = `customer-${String(i + 1).padStart(7, "0")}`;
      customers.push({ id, token: await customerToken(overture.store, workspaceId, id, now), personalized: i % 2 === 0 });
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
    const base = { role: "load" as const, url: running.url, writeKey, customers, rate, label: target.store };
    note(`${target.store} decide: warming up for ${WARM_UP_SECONDS} s`);
    await runChild<LoadResult>("./decide.ts", { ...base, seconds: WARM_UP_SECONDS, label: `${target.store} warm-up` });
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const load = await profiled(cpuProfDir, `decide-${target.store}`, () => runChild<LoadResult>("./decide.ts", { ...base, seconds }));
    loopDelay.disable();
    // The server's event loop during the load: a stall here is latency for every request queued behind it.
    note(
      `${target.store} decide: event loop delay p99/max: server ${round(loopDelay.percentile(99) / 1e6, 1)}/${round(loopDelay.max / 1e6, 1)} ms, load process ${round(load.loopP99Ms, 1)}/${round(load.loopMaxMs, 1)} ms`,
    );
    note(
      `${target.store} decide: ${load.ok.toLocaleString("en-US")} answers at ${rate} requests/s offered for ${round(load.seconds, 1)} s, ${load.failed} failed, ${load.wrong} wrong`,
    );
    if (load.failed > 0) note(`warning: ${target.store} decide: first failure: ${load.firstFailure}`);
    if (load.wrong > 0) throw new Error(`${load.wrong} answers did not show the customer's personalized hero`);
    return { bench: "decide", store: target.store, rps: Math.round(load.ok / load.seconds), p50_ms: round(load.p50Ms, 2), p99_ms: round(load.p99Ms, 2) };
  } finally {
    await running.close();
    await overture.close();
  }
}

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** Offers `rate` requests a second for `seconds` (bounded: rate × seconds requests at most), each for a random customer. */
async function load(input: LoadInput): Promise<LoadResult> {
  pinTo(1);
  const url = new URL(`/v1/portal/slots?slots=${SLOTS}`, input.url);
  if (!isLoopback(url)) throw new Error(`the load goes to loopback only, not ${url.host}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const total = Math.round(input.rate * input.seconds);
  const latencies: number[] = [];
  const result = { ok: 0, failed: 0, wrong: 0, firstFailure: null as string | null };
  const pending = new Set<Promise<void>>();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const began = performance.now();
  const fail = (message: string) => {
    result.failed++;
    result.firstFailure ??= message;
  };
  const send = (n: number, scheduled: number) => {
    const customer = input.customers[(n * 7_919) % input.customers.length]!;
    const headers = { authorization: `Bearer ${input.writeKey}`, "x-customer-id": customer.id, "x-customer-token": customer.token };
    const done = httpRequest(url, { method: "GET", headers, agent, timeoutMs: REQUEST_TIMEOUT_MS }).then(
      (response) => {
        latencies.push(performance.now() - scheduled);
        if (response.status !== 200) return fail(`HTTP ${response.status}: ${response.text.slice(0, 200)}`);
        result.ok++;
        const hero = (JSON.parse(response.text) as { slots: Record<string, { contentId: string | null }> }).slots["dashboard.hero"];
        if ((hero?.contentId === "onboarding-hero") !== customer.personalized) result.wrong++;
      },
      (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
    );
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };
  let sent = 0;
  const interval = 1_000 / input.rate;
  while (sent < total) {
    const now = performance.now();
    // Every request whose time has come leaves now, stamped with its scheduled time.
    while (sent < total && began + sent * interval <= now) {
      if (pending.size >= MAX_IN_FLIGHT) {
        fail(`over ${MAX_IN_FLIGHT} requests in flight: the server is not keeping up`);
      } else send(sent, began + sent * interval);
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  loopDelay.disable();
  const seconds = (performance.now() - began) / 1_000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length > 0 ? (latencies[Math.max(0, Math.ceil(latencies.length * q) - 1)] ?? 0) : 0);
  return { ...result, seconds, p50Ms: at(0.5), p99Ms: at(0.99), loopP99Ms: loopDelay.percentile(99) / 1e6, loopMaxMs: loopDelay.max / 1e6 };
}

childMain<DecideBenchInput | LoadInput, DecideResult | LoadResult>((input) => (input.role === "load" ? load(input) : server(input)));
