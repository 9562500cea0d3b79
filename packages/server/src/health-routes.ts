import { named } from "@overture/api-contract";
import type { Clock, Store } from "@overture/runtime";
import type { Logger } from "pino";
import { z } from "zod";
import { defineRoute, type OvertureApi, type RouteDef } from "./route.ts";

/** Options of the health routes. */
export type HealthOptions = {
  /** Longest wait for the database before it counts as down, in ms. Default 1,000. */
  timeoutMs?: number;
  /**
   * Engine lag (the oldest due event or timer's wait) over which the process is not ready, in ms. Default 300,000.
   * null: the lag is reported but never fails readiness, for an API process whose engine runs in `overture worker`
   * processes (taking the API out of a load balancer would not make the workers catch up).
   */
  maxEngineLagMs?: number | null;
};

/** One check of readiness; `reason` says why it failed, in words that reveal nothing of the set-up. */
export type HealthCheck = { ok: boolean; reason?: string; [detail: string]: unknown };

/** The readiness answer: ok when every check is, otherwise the failing checks by name. */
export type Readiness = { ok: boolean; failing: string[]; checks: Record<string, HealthCheck> };

const CheckSchema = z.object({ ok: z.boolean(), reason: z.string().optional() }).catchall(z.unknown());
const ReadinessSchema = named(
  "Readiness",
  z.object({
    ok: z.boolean(),
    failing: z.array(z.string()).describe("The checks that failed: database, migrations, engineLag."),
    checks: z.record(z.string(), CheckSchema),
  }),
);
const LiveSchema = named("Live", z.object({ ok: z.literal(true) }));

const DEFAULT_TIMEOUT_MS = 1_000;
const DEFAULT_MAX_ENGINE_LAG_MS = 300_000;

/**
 * Checks readiness: the database answers within the timeout, the store's migrations are all applied, and the engine
 * lag is under its bound. Never throws: a failure is a failing check.
 */
export async function checkReadiness(
  source: { store?: Pick<Store, "ops">; clock: Clock },
  options: HealthOptions = {},
  logger?: Pick<Logger, "warn">,
): Promise<Readiness> {
  const { store, clock } = source;
  if (!store) return { ok: true, failing: [], checks: {} };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxLag = options.maxEngineLagMs === undefined ? DEFAULT_MAX_ENGINE_LAG_MS : options.maxEngineLagMs;
  const checks: Record<string, HealthCheck> = {};
  const started = performance.now();
  try {
    const pending = await within(store.ops.pendingMigrations(), timeoutMs);
    checks.database = { ok: true, ms: Math.round(performance.now() - started) };
    checks.migrations = pending.length === 0 ? { ok: true } : { ok: false, reason: "migrations not applied", pending };
    const lagMs = await within(store.ops.engineLagMs(clock.now()), timeoutMs);
    checks.engineLag = {
      ok: maxLag === null || lagMs <= maxLag,
      lagMs,
      maxMs: maxLag,
      ...(maxLag !== null && lagMs > maxLag ? { reason: "engine behind" } : {}),
    };
  } catch (error) {
    const timedOut = error instanceof HealthTimeout;
    logger?.warn({ err: error, check: "database" }, "readiness: database check failed");
    checks.database = { ok: false, reason: timedOut ? `no answer within ${timeoutMs} ms` : "unreachable" };
    checks.migrations ??= { ok: false, reason: "not checked: database down" };
    checks.engineLag ??= { ok: false, reason: "not checked: database down" };
  }
  const failing = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
  return { ok: failing.length === 0, failing, checks };
}

class HealthTimeout extends Error {}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeout(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * `/health/live` (the process answers: restart it when not), `/health/ready` (send it traffic: 503 with the failing
 * checks when not) and `/health`, which since issue 12 answers as `/health/ready` does: it never says ok while the
 * database is down.
 */
export function healthRoutes(options: HealthOptions = {}, logger?: Pick<Logger, "warn">): RouteDef[] {
  const ready = defineRoute({
    method: "get",
    path: "/health/ready",
    operationId: "healthReady",
    summary: "Readiness check",
    description:
      "200 when the database answers, its migrations are applied and the engine lag is under its bound; otherwise 503 naming the failing checks.",
    tag: "Meta",
    auth: "none",
    success: { status: 200, description: "Ready for traffic.", schema: ReadinessSchema },
    errors: [503],
    handle: async ({ overture, c }) => {
      const readiness = await checkReadiness(sourceOf(overture), options, logger);
      return readiness.ok ? readiness : c.json(readiness, 503);
    },
  });
  return [
    defineRoute({
      method: "get",
      path: "/health/live",
      operationId: "healthLive",
      summary: "Liveness check",
      description: "200 while the process answers requests; it reads nothing else.",
      tag: "Meta",
      auth: "none",
      success: { status: 200, description: "The process is up.", schema: LiveSchema },
      handle: async () => ({ ok: true }),
    }),
    ready,
    { ...ready, path: "/health", operationId: "health", summary: "Readiness check (the same as /health/ready)" },
  ];
}

function sourceOf(overture: OvertureApi): { store?: Pick<Store, "ops">; clock: Clock } {
  return { store: overture.store, clock: overture.clock };
}
