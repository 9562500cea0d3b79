import type { HealthOptions } from "./health-routes.ts";
import type { HttpTimeouts } from "./http-timeouts.ts";
import type { RateLimitOptions, RateLimitScope, ScopeLimits } from "./rate-limit.ts";

/** The operating options `overture serve` reads from the environment (README, "Operating in production"). */
export type OpsOptions = {
  timeouts: Partial<HttpTimeouts>;
  rateLimits: RateLimitOptions;
  health: HealthOptions;
  metricsToken?: string;
};

const SCOPES: RateLimitScope[] = ["ingest", "decide", "portal", "manage"];

/**
 * Reads OVERTURE_HEADERS_TIMEOUT_MS, OVERTURE_REQUEST_TIMEOUT_MS, OVERTURE_KEEP_ALIVE_TIMEOUT_MS, OVERTURE_RATE_LIMITS=off,
 * OVERTURE_RATE_LIMIT_<INGEST|DECIDE|PORTAL|MANAGE>_PER_<KEY|IP>, OVERTURE_TRUSTED_PROXIES, OVERTURE_METRICS_TOKEN,
 * OVERTURE_READY_TIMEOUT_MS and OVERTURE_READY_MAX_ENGINE_LAG_MS. Unset means the default; a value that is not a whole
 * number is refused with the variable's name, at start rather than at the first request.
 */
export function opsOptionsFromEnv(env: Record<string, string | undefined> = process.env): OpsOptions {
  const int = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (!/^\d{1,9}$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const timeouts: Partial<HttpTimeouts> = {};
  const set = <T extends object>(target: T, field: keyof T, value: number | undefined) => {
    if (value !== undefined) (target as Record<keyof T, number>)[field] = value;
  };
  set(timeouts, "headersMs", int("OVERTURE_HEADERS_TIMEOUT_MS"));
  set(timeouts, "requestMs", int("OVERTURE_REQUEST_TIMEOUT_MS"));
  set(timeouts, "keepAliveMs", int("OVERTURE_KEEP_ALIVE_TIMEOUT_MS"));
  const limits: Partial<Record<RateLimitScope, Partial<ScopeLimits>>> = {};
  for (const scope of SCOPES) {
    const s: Partial<ScopeLimits> = {};
    set(s, "perKey", int(`OVERTURE_RATE_LIMIT_${scope.toUpperCase()}_PER_KEY`));
    set(s, "perIp", int(`OVERTURE_RATE_LIMIT_${scope.toUpperCase()}_PER_IP`));
    if (Object.keys(s).length > 0) limits[scope] = s;
  }
  const off = ["off", "0", "false"].includes(env.OVERTURE_RATE_LIMITS?.trim().toLowerCase() ?? "");
  const health: HealthOptions = {};
  set(health, "timeoutMs", int("OVERTURE_READY_TIMEOUT_MS"));
  set(health, "maxEngineLagMs", int("OVERTURE_READY_MAX_ENGINE_LAG_MS"));
  return {
    timeouts,
    rateLimits: off ? false : { limits, trustedProxies: int("OVERTURE_TRUSTED_PROXIES") ?? 0 },
    health,
    metricsToken: env.OVERTURE_METRICS_TOKEN?.trim() || undefined,
  };
}
