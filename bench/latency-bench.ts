import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@overture/server";
import { startServe } from "../packages/cli/src/commands/serve.ts";
import type { Arrival } from "./arrival-sink.ts";
import { type ArrivalSinkProcess, startArrivalSink } from "./arrival-sink-process.ts";
import { childMain, runChild } from "./child.ts";
import type { LatencyLoadInput, LatencyLoadResult } from "./latency-load.ts";
import { note, Progress, round } from "./progress.ts";
import type { StoreTarget } from "./stores.ts";

/** What run.ts asks of this process. */
export type LatencyBenchInput = { target: StoreTarget; rate: number; seconds: number; streams: number };

/** The `{"bench":"latency",…}` line: event accepted → welcome email at the sink, and → notification on a live stream. */
export type LatencyResult = {
  bench: "latency";
  store: StoreTarget["store"];
  rate: number;
  seconds: number;
  /** Welcome emails that arrived, each customer's counted once. */
  emails: number;
  /** Purchases the server accepted: one welcome email each is expected. */
  expected: number;
  missing: number;
  duplicates: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  streams: number;
  notified: number;
  notify_p50_ms: number | null;
  notify_p99_ms: number | null;
};

const SECRET = "latency benchmark secret";
/** The wait for the last emails ends when none came for this long (a lost email must not hang the run). */
const QUIET_MS = 30_000;

/**
 * The product as `npm start` runs it (startServe in demo mode: the onboarding journey published, quiet hours off; the
 * engine and the dispatcher running; the HTTP server) with SMTP_URL at a sink in its own process; a load process sends
 * `purchase.completed` for distinct customers every 50 ms at `rate` for `seconds` and holds live notification streams
 * open for some of them. Latency runs from the answer that accepted a purchase to its welcome email's arrival.
 */
async function latencyBench({ target, rate, seconds, streams }: LatencyBenchInput): Promise<LatencyResult> {
  const label = `${target.store} latency ${rate}/s`;
  const sink = await startArrivalSink();
  const dataDir = target.store === "sqlite" ? target.dataDir : mkdtempSync(join(tmpdir(), "overture-latency-"));
  process.env.SMTP_URL = sink.url;
  process.env.OVERTURE_SECRET = SECRET;
  const running = await startServe({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl: target.store === "postgres" ? target.databaseUrl : undefined,
    demo: true,
    logger: createLogger({ level: "warn" }),
  });
  try {
    const input: LatencyLoadInput = {
      url: running.url,
      secretKey: running.keys.secretKey,
      writeKey: running.keys.writeKey,
      rate,
      seconds,
      streams,
      idPrefix: `lat-${target.store}-${rate}-`,
      label,
    };
    const load = await runChild<LatencyLoadResult>("./latency-load.ts", input);
    if (load.failed > 0)
      note(`warning: ${label}: ${load.failed} of ${load.requests} requests failed: ${load.firstFailure}`);
    const acceptedAt = new Map(load.accepted);
    const arrivals = await collectEmails(sink, acceptedAt, label);
    const welcome = new Map<string, number>();
    let duplicates = 0;
    let strangers = 0;
    for (const a of arrivals) {
      const customerId = a.to.replace(/@latency\.test$/, "");
      if (!acceptedAt.has(customerId)) {
        strangers++;
        continue;
      }
      if (welcome.has(customerId)) duplicates++;
      else welcome.set(customerId, a.at);
    }
    if (strangers > 0) note(`warning: ${label}: ${strangers} messages at the sink for customers of no accepted event`);
    const latencies = [...welcome].map(([id, at]) => at - (acceptedAt.get(id) ?? at));
    const firstNotified = new Map<string, number>();
    for (const [id, at] of load.notified) if (!firstNotified.has(id)) firstNotified.set(id, at);
    const notifyLatencies = [...firstNotified]
      .filter(([id]) => acceptedAt.has(id))
      .map(([id, at]) => at - (acceptedAt.get(id) ?? at));
    const email = summary(latencies);
    const notify = notifyLatencies.length > 0 ? summary(notifyLatencies) : null;
    note(
      `${label}: ${welcome.size} of ${acceptedAt.size} welcome emails, ${duplicates} duplicates; p50 ${email.p50} ms, p99 ${email.p99} ms, max ${email.max} ms; notifications ${firstNotified.size} of ${load.streamsOpened} streams, p99 ${notify?.p99 ?? "-"} ms`,
    );
    return {
      bench: "latency",
      store: target.store,
      rate,
      seconds,
      emails: welcome.size,
      expected: acceptedAt.size,
      missing: acceptedAt.size - welcome.size,
      duplicates,
      p50_ms: email.p50,
      p99_ms: email.p99,
      max_ms: email.max,
      streams: load.streamsOpened,
      notified: firstNotified.size,
      notify_p50_ms: notify?.p50 ?? null,
      notify_p99_ms: notify?.p99 ?? null,
    };
  } finally {
    await running.close();
    sink.close();
    if (target.store !== "sqlite") rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Takes the sink's arrivals until each accepted customer's welcome email came, or none came for QUIET_MS; the
 * welcome email is the only one the onboarding journey sends at once (the others wait days).
 */
async function collectEmails(sink: ArrivalSinkProcess, acceptedAt: Map<string, number>, label: string) {
  const arrivals: Arrival[] = [];
  const progress = new Progress(`${label} emails`, "emails");
  const customers = new Set<string>();
  let lastNew = performance.now();
  while (customers.size < acceptedAt.size && performance.now() - lastNew < QUIET_MS) {
    const taken = await sink.take();
    if (taken.length > 0) lastNew = performance.now();
    for (const a of taken) {
      arrivals.push(a);
      customers.add(a.to);
    }
    progress.update(customers.size / Math.max(1, acceptedAt.size), customers.size);
    if (customers.size < acceptedAt.size) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Late duplicates would show now or never: one more look after the others have settled.
  arrivals.push(...(await sink.take()));
  progress.done(customers.size);
  return arrivals;
}

/** p50, p99 and max of latencies in ms, rounded to whole ms. */
function summary(latencies: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
  return { p50: round(at(0.5), 0), p99: round(at(0.99), 0), max: round(sorted.at(-1) ?? 0, 0) };
}

childMain(latencyBench);
