import http from "node:http";
import { syntheticCustomer } from "@overture/runtime";
import { childMain } from "./child.ts";
import { httpRequest } from "./http-request.ts";
import { Progress } from "./progress.ts";

/** What the latency benchmark asks of this load process. */
export type LatencyLoadInput = {
  url: string;
  /** The secret key: it may set the customers' email addresses (protected attributes) in the events. */
  secretKey: string;
  /** The write key: the portal's stream tickets are asked for with it. */
  writeKey: string;
  rate: number;
  seconds: number;
  /** Customers of the load whose live notification streams are opened before the load starts. */
  streams: number;
  /** Prefix of the customer ids, distinct per run. */
  idPrefix: string;
  label: string;
};

/** What the load saw: each accepted customer with the time its event was accepted, and the streams' first notification. */
export type LatencyLoadResult = {
  /** [customer id, ms since the epoch when the answer that accepted its purchase arrived]. */
  accepted: Array<[string, number]>;
  /** [customer id, ms since the epoch when its stream delivered its first notification]. */
  notified: Array<[string, number]>;
  streamsOpened: number;
  requests: number;
  failed: number;
  firstFailure: string | null;
};

/** One POST every TICK_MS, as the measurement did. */
const TICK_MS = 50;
const REQUEST_TIMEOUT_MS = 60_000;
/** How long the streams wait for their notifications once the load is sent (deliveries may lag far behind). */
const NOTIFY_WAIT_MS = 300_000;

/** The n-th customer of the load: a synthetic profile, with an address the sink's recipient names it by. */
export function loadCustomer(idPrefix: string, n: number): { id: string; attributes: Record<string, unknown> } {
  const customer = syntheticCustomer({ seed: 2026, startAt: 0, idPrefix }, n);
  return { id: customer.id, attributes: { ...customer.attributes, email: `${customer.id}@latency.test` } };
}

/**
 * Opens `streams` live notification streams (token, ticket, SSE) for customers spread over the load, then sends
 * `purchase.completed` for `rate / 20` new customers every 50 ms for `seconds` through POST /v1/events/batch, without
 * waiting for one answer before the next tick (an open loop: a slow server makes requests overlap, not the load thin).
 */
async function latencyLoad(input: LatencyLoadInput): Promise<LatencyLoadResult> {
  const base = new URL(input.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) throw new Error("the load goes to loopback only");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const total = Math.round(input.rate * input.seconds);
  const perTick = Math.max(1, Math.round((input.rate * TICK_MS) / 1_000));
  const ticks = Math.ceil(total / perTick);
  const notified: Array<[string, number]> = [];
  const streams = new AbortController();
  const watched = new Set<number>();
  for (let k = 0; k < Math.min(input.streams, total); k++) watched.add(Math.floor(((k + 0.5) * total) / input.streams));
  let streamsOpened = 0;
  await Promise.all(
    [...watched].map(async (n) => {
      const id = loadCustomer(input.idPrefix, n).id;
      if (await openStream(base, input, id, streams.signal, (at) => notified.push([id, at]))) streamsOpened++;
    }),
  );

  const accepted: Array<[string, number]> = [];
  const result = { requests: 0, failed: 0, firstFailure: null as string | null };
  const progress = new Progress(`${input.label} load`, "events");
  const began = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const wait = began + tick * TICK_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const customers: ReturnType<typeof loadCustomer>[] = [];
    for (let n = tick * perTick; n < Math.min(total, (tick + 1) * perTick); n++)
      customers.push(loadCustomer(input.idPrefix, n));
    const body = JSON.stringify({
      events: customers.map((c) => ({
        id: `${c.id}:purchase`,
        name: "purchase.completed",
        customerId: c.id,
        properties: { orderId: `order-${c.id}`, product: "Overture Cloud" },
        attributes: c.attributes,
      })),
    });
    result.requests++;
    inFlight.push(
      postOnce(base, input.secretKey, body, agent)
        .then((answer) => {
          const at = Date.now();
          const parsed = JSON.parse(answer.text) as { accepted?: number; duplicates?: number };
          // A resent batch (see postOnce) may find some of its events stored already: they count as accepted.
          if (answer.status !== 200 || (parsed.accepted ?? 0) + (parsed.duplicates ?? 0) !== customers.length)
            throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
          for (const c of customers) accepted.push([c.id, at]);
          progress.update(accepted.length / total, accepted.length);
        })
        .catch((error: unknown) => {
          result.failed++;
          result.firstFailure ??= error instanceof Error ? error.message : String(error);
        }),
    );
  }
  await Promise.all(inFlight);
  progress.done(accepted.length, `${result.requests} requests`);
  // The streams stay open until each has its customer's notification (or a notification is lost: then the wait ends).
  const waitUntil = performance.now() + NOTIFY_WAIT_MS;
  while (new Set(notified.map(([id]) => id)).size < streamsOpened && performance.now() < waitUntil)
    await new Promise((resolve) => setTimeout(resolve, 100));
  streams.abort();
  agent.destroy();
  return { accepted, notified, streamsOpened, ...result };
}

/**
 * One POST, sent again once when the connection was reset: a keep-alive connection the server closed as idle just
 * as the request went out. Events keep their ids, so a resent one already stored is a duplicate, not a second event.
 */
async function postOnce(base: URL, key: string, body: string, agent: http.Agent) {
  try {
    return await post(base, key, body, agent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
    return post(base, key, body, agent);
  }
}

function post(base: URL, key: string, body: string, agent: http.Agent) {
  return httpRequest(new URL("/v1/events/batch", base), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      authorization: `Bearer ${key}`,
    },
    body,
    agent,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}

/**
 * A customer's live notification stream as the portal opens it: a customer token (secret key), a one-minute stream
 * ticket (write key route, customer headers), then the SSE stream; `onNotification` gets the arrival time of each
 * `notification` event. False when the stream could not be opened (said on stderr).
 */
async function openStream(
  base: URL,
  keys: { secretKey: string; writeKey: string },
  customerId: string,
  signal: AbortSignal,
  onNotification: (at: number) => void,
): Promise<boolean> {
  try {
    const tokenAnswer = await fetch(new URL(`/v1/portal/token?customerId=${encodeURIComponent(customerId)}`, base), {
      headers: { authorization: `Bearer ${keys.secretKey}` },
    });
    const { token } = (await tokenAnswer.json()) as { token: string };
    const ticketAnswer = await fetch(new URL("/v1/portal/stream-ticket", base), {
      method: "POST",
      headers: { authorization: `Bearer ${keys.writeKey}`, "x-customer-id": customerId, "x-customer-token": token },
    });
    const { ticket } = (await ticketAnswer.json()) as { ticket: string };
    const response = await fetch(
      new URL(`/v1/portal/notifications/stream?ticket=${encodeURIComponent(ticket)}`, base),
      {
        signal,
      },
    );
    if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    // Wait for `ready`, so the stream is listening before the load starts; then read in the background.
    const ready = new Promise<void>((resolve, reject) => {
      const read = async () => {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) return;
          const at = Date.now();
          buffer += decoder.decode(chunk.value, { stream: true });
          for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes("event: ready")) resolve();
            else if (block.includes("event: notification")) onNotification(at);
          }
        }
      };
      read().catch((error: unknown) => {
        if (!signal.aborted) reject(error);
      });
    });
    await ready;
    return true;
  } catch (error) {
    process.stderr.write(
      `warning: stream for ${customerId} not opened: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return false;
  }
}

childMain(latencyLoad);
