import { Pool } from "undici";
import { childMain } from "./child.ts";
import { watchEventLoop } from "./loop-delay.ts";
import { pinTo } from "./pin.ts";

/**
 * The load side of the decision benchmark, in a file of its own so that its process loads nothing but the HTTP client:
 * with the server's modules (MJML and the rest) in its heap, every full garbage collection of the load process took
 * tens of milliseconds, and each showed as server latency in the figures.
 */

export type LoadInput = {
  url: string;
  writeKey: string;
  customers: Array<{ id: string; token: string; personalized: boolean }>;
  rate: number;
  seconds: number;
  /** Untimed load at the same rate before the measured `seconds`. */
  warmUpSeconds: number;
};
export type LoadResult = {
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
  /** Answers of the untimed warm-up (what the server also did, for its CPU per answer). */
  warmUpOk?: number;
};

const SLOTS = "dashboard.hero,sidebar.tip";
/** Requests in flight at most: past this the server is not keeping up, and the load stops adding to the pile. */
const MAX_IN_FLIGHT = 512;
const REQUEST_TIMEOUT_MS = 10_000;

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/**
 * Offers `rate` requests a second for `seconds` (bounded: rate × seconds requests at most), each for a random customer.
 * The client is undici's Pool, not `http.request`: the load must cost its process little, or its own garbage collection
 * shows as the server's latency (with `http.request`, each young-generation collection took ~20 ms at 2,000 requests/s).
 */
async function load(input: LoadInput): Promise<LoadResult> {
  pinTo(1);
  const url = new URL(input.url);
  if (!isLoopback(url)) throw new Error(`the load goes to loopback only, not ${url.host}`);
  const pool = new Pool(url.origin, {
    connections: MAX_IN_FLIGHT,
    pipelining: 1,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
  const path = `/v1/portal/slots?slots=${SLOTS}`;
  const headersOf = input.customers.map((c) => ({
    authorization: `Bearer ${input.writeKey}`,
    "x-customer-id": c.id,
    "x-customer-token": c.token,
  }));
  try {
    // The same load, untimed, first: until both processes' code is compiled and the connections are open, each tick
    // of the first half second stalls 40–60 ms, which is warm-up, not the latency a running server gives.
    const warmUp = await offer(input, pool, path, headersOf, input.warmUpSeconds);
    return { ...(await offer(input, pool, path, headersOf, input.seconds)), warmUpOk: warmUp.ok };
  } finally {
    await pool.close();
  }
}

/** Offers `rate` requests a second for `seconds` on `pool`, each for a customer in turn, and measures the answers. */
async function offer(
  input: LoadInput,
  pool: Pool,
  path: string,
  headersOf: Array<Record<string, string>>,
  seconds: number,
): Promise<LoadResult> {
  const total = Math.round(input.rate * seconds);
  // Preallocated: a growing array would be garbage the load's collector walks while requests wait.
  const latencies = new Float64Array(total);
  let answered = 0;
  const result = { ok: 0, failed: 0, wrong: 0, firstFailure: null as string | null };
  let inFlight = 0;
  const loop = watchEventLoop();
  const began = performance.now();
  const fail = (message: string) => {
    result.failed++;
    result.firstFailure ??= message;
  };
  const send = async (n: number, scheduled: number) => {
    const index = (n * 7_919) % input.customers.length;
    const customer = input.customers[index]!;
    inFlight++;
    try {
      const response = await pool.request({ method: "GET", path, headers: headersOf[index]! });
      const text = await response.body.text();
      latencies[answered++] = performance.now() - scheduled;
      if (response.statusCode !== 200) return fail(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
      result.ok++;
      const hero = (JSON.parse(text) as { slots: Record<string, { contentId: string | null }> }).slots[
        "dashboard.hero"
      ];
      if ((hero?.contentId === "onboarding-hero") !== customer.personalized) result.wrong++;
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    } finally {
      inFlight--;
    }
  };
  const pending: Promise<void>[] = [];
  let sent = 0;
  const interval = 1_000 / input.rate;
  while (sent < total) {
    const now = performance.now();
    // Every request whose time has come leaves now, stamped with its scheduled time.
    while (sent < total && began + sent * interval <= now) {
      if (inFlight >= MAX_IN_FLIGHT) fail(`over ${MAX_IN_FLIGHT} requests in flight: the server is not keeping up`);
      else pending.push(send(sent, began + sent * interval));
      sent++;
    }
    // setImmediate, not a 1 ms timer: timers fire 1.1–1.3 ms apart, and that lateness would count as the server's.
    // The load spins its own core (it is pinned to the second one), as load generators that keep a schedule do.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  const loopDelay = loop.stop();
  const sorted = latencies.subarray(0, answered).sort();
  const at = (q: number) => (sorted.length > 0 ? (sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)] ?? 0) : 0);
  return {
    ...result,
    seconds: (performance.now() - began) / 1_000,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    loopP99Ms: loopDelay.p99Ms,
    loopMaxMs: loopDelay.maxMs,
  };
}

childMain<LoadInput, LoadResult>(load);
