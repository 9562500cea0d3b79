import http from "node:http";
import { childMain } from "./child.ts";
import { httpRequest } from "./http-request.ts";
import { Progress } from "./progress.ts";

/** What the ingestion server asks of this load process. */
export type LoadInput = {
  url: string;
  writeKey: string;
  seconds: number;
  connections: number;
  batchSize: number;
  label: string;
};

/** What the load saw: accepted events (from the responses), requests, failures, the wall time and the p99 latency. */
export type LoadResult = {
  accepted: number;
  requests: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  p99Ms: number;
};

/** A request that takes longer than this is a failure, not a measurement. */
const REQUEST_TIMEOUT_MS = 30_000;

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** A batch of distinct events (ids never repeat, so every one is new) for customers of a small population. */
function batchBody(connection: number, request: number, size: number): string {
  const events = [];
  for (let k = 0; k < size; k++) {
    const n = request * size + k;
    events.push({
      id: `load-${connection}-${n}`,
      name: "content.viewed",
      customerId: `customer-${String(((connection * 7_919 + n) % 20_000) + 1).padStart(7, "0")}`,
      properties: {
        contentId: "webhooks-101",
        topics: ["integrations", "automation"],
        dwellMs: 30_000 + (n % 600) * 1_000,
      },
    });
  }
  return JSON.stringify({ events });
}

function post(url: URL, writeKey: string, body: string, agent: http.Agent): Promise<{ status: number; text: string }> {
  const headers = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    authorization: `Bearer ${writeKey}`,
  };
  return httpRequest(url, { method: "POST", headers, body, agent, timeoutMs: REQUEST_TIMEOUT_MS });
}

/**
 * Sends batches of events to POST /v1/events/batch over `connections` keep-alive connections for `seconds`, each
 * connection waiting for its answer before sending the next batch. Counts what the server says it accepted.
 */
async function load(input: LoadInput): Promise<LoadResult> {
  const url = new URL("/v1/events/batch", input.url);
  if (!isLoopback(url)) throw new Error(`the load goes to loopback only, not ${url.host}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });
  const progress = new Progress(`${input.label} ingest`, "events");
  const latencies: number[] = [];
  const result = { accepted: 0, requests: 0, failed: 0, firstFailure: null as string | null };
  const began = performance.now();
  const deadline = began + input.seconds * 1_000;
  // A hard bound on requests as well as on time: the loop ends even if the clock misbehaves.
  const maxRequests = input.seconds * 10_000;
  const connection = async (c: number) => {
    for (let n = 0; performance.now() < deadline && result.requests < maxRequests; n++) {
      const body = batchBody(c, n, input.batchSize);
      const sent = performance.now();
      result.requests++;
      try {
        const response = await post(url, input.writeKey, body, agent);
        latencies.push(performance.now() - sent);
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 200)}`);
        result.accepted += (JSON.parse(response.text) as { accepted: number }).accepted;
      } catch (error) {
        result.failed++;
        result.firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      progress.update((performance.now() - began) / (deadline - began), result.accepted);
    }
  };
  await Promise.all(Array.from({ length: input.connections }, (_, c) => connection(c)));
  const seconds = (performance.now() - began) / 1_000;
  progress.done(result.accepted, `${result.requests} requests`);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p99Ms = latencies.length > 0 ? (latencies[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)] ?? 0) : 0;
  return { ...result, seconds, p99Ms };
}

childMain(load);
