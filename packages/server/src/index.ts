export { type AppOptions, apiRoutes, createApp, DEFAULT_BODY_LIMIT } from "./create-app.ts";
export { type ErrorCode, HTTP_STATUS_BY_CODE, httpStatusForCode } from "./error-codes.ts";
export { type ErrorBody, normalizeError } from "./normalize-error.ts";
export { buildOpenApi } from "./openapi.ts";
export type { OvertureApi, RouteAuth, RouteDef } from "./route.ts";
export { BATCH_BODY_LIMIT } from "./routes/event-routes.ts";
export { mapSegmentBatch, mapSegmentMessage, SEGMENT_TYPES } from "./segment/map-segment.ts";
export { type RunningServer, type ServeOptions, serve } from "./serve.ts";
export { DEFAULT_STREAM_LIMITS, type StreamLimits, streamLimitsFromEnv } from "./stream-limits.ts";
