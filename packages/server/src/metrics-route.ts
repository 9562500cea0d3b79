import { timingSafeEqual } from "node:crypto";
import { authorize, keyFromAuthorization, keyPrincipal } from "./auth.ts";
import type { Metrics } from "./metrics.ts";
import { defineRoute, type RouteDef } from "./route.ts";

/**
 * `GET /metrics`: the Prometheus exposition. Guarded like management, because its counts tell a business's volume: a
 * workspace's secret key, or the bearer token in OVERTURE_METRICS_TOKEN (give Prometheus that one: it can then read
 * metrics and nothing else, and rotating it touches no API client).
 */
export function metricsRoute(metrics: Metrics, metricsToken?: string): RouteDef {
  return defineRoute({
    method: "get",
    path: "/metrics",
    operationId: "metrics",
    summary: "Prometheus metrics",
    description:
      "Text exposition format 0.0.4. Needs `Authorization: Bearer <secret key>` or `Bearer <OVERTURE_METRICS_TOKEN>`. " +
      "Series: overture_events_ingested_total, overture_steps_total, overture_outbox_rows{status}, overture_delivery_latency_seconds{channel}, " +
      "overture_engine_lag_seconds, overture_worker_errors_total{loop}, overture_http_requests_total{method,route,status}, overture_http_rate_limited_total{scope,by}.",
    tag: "Meta",
    auth: "none",
    success: { status: 200, description: "The metrics, as text/plain." },
    errors: [401, 403],
    handle: async ({ overture, c }) => {
      const key = keyFromAuthorization(c.req.header("authorization"));
      if (!(key !== null && metricsToken && sameText(key, metricsToken))) {
        const grant = key === null ? null : await overture.workspaces.authenticate(key);
        authorize(grant ? keyPrincipal(grant) : null, "settings.manage", key !== null);
      }
      const { contentType, text } = await metrics.exposition();
      return c.body(text, 200, { "content-type": contentType });
    },
  });
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
