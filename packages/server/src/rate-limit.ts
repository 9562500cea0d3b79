import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { keyFromAuthorization } from "./auth.ts";
import type { Metrics } from "./metrics.ts";
import type { RouteDef } from "./route.ts";

/** The groups of routes limited apart: ingestion, slot decisions, the rest of the portal, and management. */
export type RateLimitScope = "ingest" | "decide" | "portal" | "manage";

/** Requests a second allowed per API key and per client address (0: no limit). */
export type ScopeLimits = { perKey: number; perIp: number };

/** Options of {@link createRateLimits}; `false` turns rate limiting off. */
export type RateLimitOptions =
  | false
  | {
      /** Limits per scope over {@link DEFAULT_RATE_LIMITS}. */
      limits?: Partial<Record<RateLimitScope, Partial<ScopeLimits>>>;
      /**
       * Reverse proxies in front of this process that append to X-Forwarded-For: with n, the client is the n-th address
       * from the right. 0 (default): the socket's address, and X-Forwarded-For is ignored (a client could forge it).
       */
      trustedProxies?: number;
    };

/**
 * Generous defaults: ten times what one busy site sends, above what `npm run bench` sends on one key (2,000 slot
 * decisions a second; ingestion in batches of 500 events, about a hundred requests a second).
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitScope, ScopeLimits> = {
  ingest: { perKey: 1_000, perIp: 1_000 },
  decide: { perKey: 5_000, perIp: 5_000 },
  portal: { perKey: 5_000, perIp: 200 },
  manage: { perKey: 200, perIp: 200 },
};

/** The scope a route is limited in, or null (health, metrics, OpenAPI, demo routes). */
export function scopeOf(route: Pick<RouteDef, "path" | "auth">): RateLimitScope | null {
  if (route.path.startsWith("/v1/portal/slots")) return "decide";
  if (route.path.startsWith("/v1/portal/")) return "portal";
  if (route.auth === "write") return "ingest";
  if (route.auth === "secret") return "manage";
  return null;
}

/**
 * Per-process rate limits (rate-limiter-flexible, in memory, one-second windows): each request spends a point of its
 * client address and one of its API key, in its route's scope; over either, 429 `rate_limited` with Retry-After.
 * Limits are per API process: behind a load balancer over n processes a client gets up to n times the limit (the
 * library's Redis and PostgreSQL limiters share one budget, the way to scale out). `limitFor(route)` is the middleware
 * of one route, or null when it is not limited.
 */
export function createRateLimits(
  options: RateLimitOptions | undefined,
  metrics?: Metrics,
): { limitFor(route: RouteDef): MiddlewareHandler | null } {
  if (options === false) return { limitFor: () => null };
  const trustedProxies = options?.trustedProxies ?? 0;
  const limiters = new Map<string, RateLimiterMemory | null>();
  const limiter = (scope: RateLimitScope, by: "key" | "ip") => {
    const name = `${scope}:${by}`;
    if (!limiters.has(name)) {
      const limits = { ...DEFAULT_RATE_LIMITS[scope], ...options?.limits?.[scope] };
      const points = by === "key" ? limits.perKey : limits.perIp;
      limiters.set(name, points > 0 ? new RateLimiterMemory({ points, duration: 1, keyPrefix: name }) : null);
    }
    return limiters.get(name) ?? null;
  };
  return {
    limitFor(route) {
      const scope = scopeOf(route);
      if (!scope) return null;
      const [byIp, byKey] = [limiter(scope, "ip"), limiter(scope, "key")];
      if (!byIp && !byKey) return null;
      return async (c, next): Promise<Response | undefined> => {
        const ip = clientAddress(c, trustedProxies);
        const key = keyFromAuthorization(c.req.header("authorization"));
        // An in-process call (app.request) has no address: only its key is counted.
        for (const [by, limit, id] of [
          ["ip", byIp, ip],
          ["key", byKey, key === null ? null : hashKey(key)],
        ] as const) {
          if (!limit || id === null) continue;
          const refused = await limit.consume(id).then(
            () => null,
            (outcome: unknown) => (outcome instanceof RateLimiterRes ? outcome : null),
          );
          if (refused) {
            metrics?.rateLimited.inc({ scope, by });
            return tooMany(c, scope, by, limit.points, refused.msBeforeNext);
          }
        }
        await next();
        return undefined;
      };
    },
  };
}

function tooMany(c: Context, scope: RateLimitScope, by: "key" | "ip", points: number, msBeforeNext: number): Response {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1_000));
  const what = by === "key" ? "this API key" : "this address";
  const message = `Too many ${scope} requests from ${what}: at most ${points} a second. Retry after ${seconds} s.`;
  return c.json(
    {
      error: {
        code: "rate_limited",
        message,
        problems: [{ path: "", code: "rate_limited", message: `${scope} limit per ${by}: ${points}/s` }],
      },
    },
    429,
    {
      "retry-after": String(seconds),
    },
  );
}

/** The client's address: the socket's, or the one the trusted proxies put in X-Forwarded-For; null in process. */
export function clientAddress(c: Context, trustedProxies: number): string | null {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? null;
  if (trustedProxies <= 0) return socket;
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return forwarded[forwarded.length - trustedProxies] ?? socket;
}

/** Limiters key on a digest, so no API key is kept in clear in the limiter's memory (or, scaled out, in Redis). */
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 22);
}
