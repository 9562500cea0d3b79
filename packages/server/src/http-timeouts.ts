import type { ServerOptions } from "node:http";

/**
 * How long the HTTP server waits for a client, in ms. Node's defaults (60 s for headers, 300 s for a request, checked
 * every 30 s) let thousands of connections that send half a request line hold sockets for a minute or more (issue 12,
 * finding 7). Answers that stream (server-sent events) are not bounded by these: they bound receiving the request.
 */
export type HttpTimeouts = {
  /** From the connection (or the previous request on it) to the end of the request's headers. */
  headersMs: number;
  /** From the connection to the end of the request's body (a 5 MiB batch on a slow link must fit). */
  requestMs: number;
  /** How long an idle keep-alive connection stays open after an answer. */
  keepAliveMs: number;
};

/** Tight defaults for an API behind or in front of a proxy. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

/** Node's server options for these timeouts; expired connections are looked for every quarter of the headers timeout. */
export function httpServerOptions(timeouts: Partial<HttpTimeouts> = {}): ServerOptions {
  const t = { ...DEFAULT_HTTP_TIMEOUTS, ...timeouts };
  // Node refuses a request timeout shorter than the headers timeout; 0 turns a timeout off, as in Node.
  const requestTimeout = t.requestMs === 0 ? 0 : Math.max(t.requestMs, t.headersMs);
  return {
    headersTimeout: t.headersMs,
    requestTimeout,
    keepAliveTimeout: t.keepAliveMs,
    connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor((t.headersMs || 30_000) / 4))),
  };
}
