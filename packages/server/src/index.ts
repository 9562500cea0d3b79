export { permissionOf, ROUTE_PERMISSIONS } from "./access/route-permissions.ts";
export { type AppOptions, apiRoutes, createApp, DEFAULT_BODY_LIMIT } from "./create-app.ts";
export { type ErrorCode, HTTP_STATUS_BY_CODE, httpStatusForCode } from "./error-codes.ts";
export { checkReadiness, type HealthOptions, healthRoutes, type Readiness } from "./health-routes.ts";
export { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from "./http-timeouts.ts";
export { compactLine, createLogger, type Logger, type LoggerOptions } from "./logger.ts";
export { Metrics, type MetricsSource } from "./metrics.ts";
export { type ErrorBody, normalizeError } from "./normalize-error.ts";
export { buildOpenApi } from "./openapi.ts";
export { opsOptionsFromEnv } from "./ops-env.ts";
export {
  createRateLimits,
  DEFAULT_RATE_LIMITS,
  type RateLimitOptions,
  type RateLimitScope,
  type ScopeLimits,
} from "./rate-limit.ts";
export type { OvertureApi, RouteAuth, RouteDef, SessionAuth, SessionRequest } from "./route.ts";
export { BATCH_BODY_LIMIT } from "./routes/event-routes.ts";
export { type RuntimeHooks, runtimeHooks } from "./runtime-hooks.ts";
export { mapSegmentBatch, mapSegmentMessage, SEGMENT_TYPES } from "./segment/map-segment.ts";
export { type RunningServer, type ServeOptions, serve } from "./serve.ts";
export { DEFAULT_STREAM_LIMITS, type StreamLimits, streamLimitsFromEnv } from "./stream-limits.ts";
