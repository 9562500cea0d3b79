import type { MiddlewareHandler } from "hono";

/**
 * CORS for any origin, for routes browsers call from other sites (the portal SDK, analytics.js). Hono's `cors`
 * reads `c.res` before the handler runs and sets headers on it after, which builds two full `Response` objects per
 * request; on the slot decision path that was a third of a request's CPU (docs/benchmarks.md). Headers set with
 * `c.header` before the handler go straight into its response.
 */
export function anyOriginCors(options: {
  methods: string[];
  headers: string[];
  maxAgeSeconds: number;
}): MiddlewareHandler {
  const preflight = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": options.methods.join(","),
    "access-control-allow-headers": options.headers.join(","),
    "access-control-max-age": String(options.maxAgeSeconds),
  };
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return new Response(null, { status: 204, headers: preflight });
    c.header("access-control-allow-origin", "*");
    await next();
    return undefined;
  };
}
