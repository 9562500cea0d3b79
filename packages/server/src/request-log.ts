import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Logger } from "pino";
import type { Metrics } from "./metrics.ts";

/** An incoming X-Request-Id is kept when it looks like an id (a proxy's or a client's), never echoed otherwise. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The request id of a request (set by {@link requestLog}); runRoute's `workspaceId` is read back the same way. */
export function requestIdOf(c: Context): string | undefined {
  return c.get("requestId" as never) as string | undefined;
}

/**
 * One log line and one count per request: method, route pattern (never the URL: a query string may carry a token),
 * status, duration, workspace and request id. The request id is the caller's X-Request-Id when sane, else a new
 * UUID, and is echoed in the answer's X-Request-Id. An unexpected error (500) is logged with its stack.
 */
export function requestLog(logger: Logger, metrics?: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId" as never, requestId as never);
    await next();
    const route = routePattern(c);
    const status = c.res.status;
    const ms = performance.now() - started;
    try {
      c.res.headers.set("x-request-id", requestId);
    } catch {
      // A response with immutable headers (a proxied one) keeps its own.
    }
    metrics?.httpRequests.inc({ method: c.req.method, route, status: String(status) });
    metrics?.httpDuration.observe({ method: c.req.method, route }, ms / 1_000);
    const workspaceId = c.get("workspaceId" as never) as string | undefined;
    const line = {
      reqId: requestId,
      method: c.req.method,
      route,
      status,
      ms: Math.round(ms * 10) / 10,
      ...(workspaceId ? { workspaceId } : {}),
    };
    if (status >= 500 && c.error) logger.error({ ...line, err: c.error }, `${c.req.method} ${route} ${status}`);
    else logger.info(line, `${c.req.method} ${route} ${status}`);
  };
}

/** The pattern of the route that answered (`/v1/journeys/:id`); `(unmatched)` for a 404, so paths never become labels. */
function routePattern(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== "ALL");
  return handlers.at(-1)?.path ?? "(unmatched)";
}
