import type { Permission, Principal } from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { auditRoute } from "./access/audit-route.ts";
import { permissionOf } from "./access/route-permissions.ts";
import { authorize, keyFromAuthorization, keyPrincipal } from "./auth.ts";
import { anyOriginCors } from "./cors.ts";
import { guardDemoSurface, sameOriginJsonOnly } from "./demo-guard.ts";
import { type HealthOptions, healthRoutes } from "./health-routes.ts";
import { createLogger, type Logger } from "./logger.ts";
import { Metrics } from "./metrics.ts";
import { metricsRoute } from "./metrics-route.ts";
import { normalizeError } from "./normalize-error.ts";
import { buildOpenApi } from "./openapi.ts";
import { parseWith, readJson } from "./parse-request.ts";
import { createRateLimits, type RateLimitOptions } from "./rate-limit.ts";
import { requestLog } from "./request-log.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "./route.ts";
import { approvalRoutes } from "./routes/approval-routes.ts";
import { auditRoutes } from "./routes/audit-routes.ts";
import { catalogRoutes } from "./routes/catalog-routes.ts";
import { type ChannelsAppOptions, channelModuleRoutes, mountDevSinkPages } from "./routes/channel-module-routes.ts";
import { contentRoutes } from "./routes/content-routes.ts";
import { contentUsageRoutes } from "./routes/content-usage-routes.ts";
import { customerRoutes } from "./routes/customer-routes.ts";
import { type DemoOptions, demoRoutes, mountDemoPortal } from "./routes/demo-routes.ts";
import { type EditorOptions, mountEditor } from "./routes/editor-routes.ts";
import { type EmailAppOptions, emailRoutes, mountEmailLinks } from "./routes/email-routes.ts";
import { emailTemplateRoutes } from "./routes/email-template-routes.ts";
import { eventRoutes } from "./routes/event-routes.ts";
import { identityRoutes } from "./routes/identity-routes.ts";
import { invitationRoutes } from "./routes/invitation-routes.ts";
import { journeyRoutes } from "./routes/journey-routes.ts";
import { keyRoutes } from "./routes/key-routes.ts";
import { type MailboxAppOptions, mailboxRoutes, mountMailbox } from "./routes/mailbox-routes.ts";
import { memberRoutes } from "./routes/member-routes.ts";
import { notificationRoutes } from "./routes/notification-routes.ts";
import { type NotificationStreamOptions, notificationStreamRoute } from "./routes/notification-stream-route.ts";
import { outboxRoutes } from "./routes/outbox-routes.ts";
import { passwordResetRoutes } from "./routes/password-reset-routes.ts";
import { portalRoutes } from "./routes/portal-routes.ts";
import { privacyRoutes } from "./routes/privacy-routes.ts";
import { reportRoutes } from "./routes/report-routes.ts";
import { segmentRoutes } from "./routes/segment-routes.ts";
import { senderRoutes } from "./routes/sender-routes.ts";
import { SIGN_IN_POSTS } from "./routes/session-http.ts";
import { sessionRoutes } from "./routes/session-routes.ts";
import { simulateRoutes } from "./routes/simulate-routes.ts";
import { slotRoutes } from "./routes/slot-routes.ts";
import { ssoRoutes } from "./routes/sso-routes.ts";
import { stepDeliveryRoutes } from "./routes/step-delivery-routes.ts";
import { stepPreviewRoutes } from "./routes/step-preview-routes.ts";
import { webhookRoutes } from "./routes/webhook-routes.ts";
import { securityHeaders } from "./security-headers.ts";

/** Options of {@link createApp}. */
export type AppOptions = {
  /** Largest request body in bytes, except batches (5 MiB). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Told of each unexpected error (a bug) besides the log line with its stack; tests collect them. */
  onUnexpectedError?: (error: unknown, request: { method: string; path: string }) => void;
  /** The process's logger: a line per request, unexpected errors with their stack. Default: warnings and errors to stdout. */
  logger?: Logger;
  /** The metrics served at /metrics (default: a registry of this app's own). */
  metrics?: Metrics;
  /** A bearer token that may read /metrics besides a secret key (OVERTURE_METRICS_TOKEN). */
  metricsToken?: string;
  /** Rate limits per API key and per client address (default: DEFAULT_RATE_LIMITS); false: none. */
  rateLimits?: RateLimitOptions;
  /** The readiness checks of /health and /health/ready. */
  health?: HealthOptions;
  /** Demo mode: the customer portal at /portal and the demo-only routes (sign in as a demo customer, move the clock). */
  demo?: DemoOptions;
  /** Serve the journey editor at `/` (the API stays under /v1). */
  editor?: EditorOptions;
  /** Email previews and test sends (/v1/email/…) and the links inside sent emails (/u, /o, /c). */
  email?: EmailAppOptions;
  /** The development mailbox: /mailbox pages and GET /v1/mailbox/messages. */
  mailbox?: MailboxAppOptions;
  /** The live notification stream: caps per customer and in all, ping interval. */
  streams?: NotificationStreamOptions;
  /** The channel modules wired by `serve`: their routes, previews, test sends and dev sink pages. */
  channels?: ChannelsAppOptions;
};

/** The default body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Every API route, documented or not (the meta routes are added by createApp). */
export const apiRoutes: RouteDef[] = [
  ...journeyRoutes,
  ...reportRoutes,
  ...approvalRoutes,
  ...stepDeliveryRoutes,
  ...customerRoutes,
  ...privacyRoutes,
  ...eventRoutes,
  ...segmentRoutes,
  ...contentRoutes,
  ...slotRoutes,
  ...contentUsageRoutes,
  ...portalRoutes,
  ...notificationRoutes,
  ...identityRoutes,
  ...webhookRoutes,
  ...outboxRoutes,
  ...catalogRoutes,
  ...stepPreviewRoutes,
  ...emailTemplateRoutes,
  ...senderRoutes,
  ...sessionRoutes,
  ...memberRoutes,
  ...invitationRoutes,
  ...passwordResetRoutes,
  ...ssoRoutes,
  ...keyRoutes,
  ...auditRoutes,
];

/**
 * The HTTP API as a web-standard Hono app: test it in memory with `app.request`, serve it with {@link serve}.
 * Each route authenticates, validates, calls the runtime and answers JSON; every error goes through one normaliser.
 */
export function createApp(overture: OvertureApi, options: AppOptions = {}): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  const report = options.onUnexpectedError ?? (() => {});
  const logger = options.logger ?? createLogger({ level: "warn" });
  const metrics = options.metrics ?? new Metrics({ processMetrics: false });
  metrics.watch(overture);
  app.use("*", requestLog(logger, metrics));
  const rateLimits = createRateLimits(options.rateLimits, metrics);
  let openapi: Record<string, unknown> | undefined;
  const routes: RouteDef[] = [
    ...healthRoutes(options.health, logger),
    metricsRoute(metrics, options.metricsToken),
    defineRoute({
      method: "get",
      path: "/v1/openapi.json",
      operationId: "openapi",
      summary: "This document",
      tag: "Meta",
      auth: "none",
      success: { status: 200, description: "The OpenAPI 3.1 document of every route." },
      handle: async () => {
        openapi ??= buildOpenApi(routes);
        return openapi;
      },
    }),
    ...apiRoutes,
    ...simulateRoutes(),
    notificationStreamRoute(options.streams),
    ...(options.demo ? demoRoutes(options.demo) : []),
    ...(options.email ? emailRoutes(options.email) : []),
    ...(options.mailbox ? mailboxRoutes(options.mailbox) : []),
    ...(options.channels ? channelModuleRoutes(options.channels) : []),
  ];

  // Ingestion is called from browsers (Segment's analytics.js, our SDK) on other origins; the write key is public anyway.
  const ingestionCors = anyOriginCors({
    methods: ["POST"],
    headers: ["authorization", "content-type", "x-customer-id", "x-customer-token"],
    maxAgeSeconds: 86_400,
  });
  // Portal calls come from a customer's browser on the portal's origin, with the customer's id and token headers.
  app.use(
    "/v1/portal/*",
    anyOriginCors({
      methods: ["GET", "POST"],
      headers: ["authorization", "content-type", "x-customer-id", "x-customer-token"],
      maxAgeSeconds: 86_400,
    }),
  );
  for (const route of routes) if (route.auth === "write") app.use(route.path, ingestionCors);
  guardDemoSurface(app, {
    demo: !!options.demo,
    mailbox: !!options.mailbox,
    editorKey: options.editor?.localApiKey !== undefined,
    devSinkPages: (options.channels?.sinks ?? []).flatMap((sink) => (sink.page ? [sink.page.path] : [])),
  });
  for (const path of SIGN_IN_POSTS) app.on("POST", path, sameOriginJsonOnly());

  for (const route of routes) {
    const limit = route.maxBodyBytes ?? options.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
    const tooLarge = () => {
      throw new InputError("payload_too_large", `The body is over ${limit} bytes.`, [
        { path: "", code: "payload_too_large", message: `limit ${limit} bytes` },
      ]);
    };
    const permission = permissionOf(route);
    // The audit log records the route (when audited) before its answer goes out (access/audit-route.ts).
    const handler = (c: Context) =>
      auditRoute(overture, route, permission, c, () => runRoute(overture, route, c), logger);
    const limited = rateLimits.limitFor(route);
    if (limited) app.on(route.method.toUpperCase(), route.path, limited);
    if (route.method === "get") app.get(route.path, handler);
    else app.on(route.method.toUpperCase(), route.path, bodyLimit({ maxSize: limit, onError: tooLarge }), handler);
  }

  if (options.demo) mountDemoPortal(app, options.demo);
  if (options.editor) mountEditor(app, options.editor);
  if (options.email) mountEmailLinks(app, options.email);
  if (options.mailbox) mountMailbox(app, options.mailbox);
  if (options.channels) mountDevSinkPages(app, options.channels);

  app.notFound((c) => {
    const { status, body } = normalizeError(
      new InputError("route_not_found", `No route ${c.req.method} ${c.req.path}; see /v1/openapi.json.`, [
        { path: "", code: "route_not_found", message: `${c.req.method} ${c.req.path}` },
      ]),
    );
    return c.json(body, status as 404);
  });
  app.onError((error, c) => {
    const normalized = normalizeError(error);
    if (normalized.unexpected) report(error, { method: c.req.method, path: c.req.path });
    return c.json(normalized.body, normalized.status as 500, normalized.headers);
  });
  return app;
}

async function runRoute(overture: OvertureApi, route: RouteDef, c: Context): Promise<Response> {
  const permission = permissionOf(route);
  const headerKey = keyFromAuthorization(c.req.header("authorization"));
  let json: unknown;
  let principal: Principal | null = null;
  if (permission !== "public" && (headerKey !== null || !route.segment)) {
    principal = await authenticate(overture, permission, headerKey, c);
    if (route.body) json = await readJson(c);
  } else {
    if (route.body) json = await readJson(c);
    // Segment lets a client put its write key in the body instead of the header.
    if (permission !== "public") principal = await authenticate(overture, permission, writeKeyInBody(json), c);
  }
  const workspaceId = principal?.workspaceId ?? "";
  if (workspaceId) c.set("workspaceId" as never, workspaceId as never);
  if (principal) c.set("principal" as never, principal as never);
  const body = route.body ? parseWith(route.body, json, "request body") : undefined;
  const query = route.query ? parseWith(route.query, c.req.query(), "query string") : {};
  const result = await route.handle({ overture, workspaceId, principal, body, query, params: c.req.param(), c });
  // A route that streams (server-sent events) answers its own Response.
  if (result instanceof Response) return result;
  return c.json(result as object, route.success.status as 200 | 201);
}

/** A request's principal: its API key when it has one, else its session (when members can sign in). */
async function authenticate(
  overture: OvertureApi,
  permission: Permission,
  key: string | null,
  c: Context,
): Promise<Principal> {
  if (key !== null) {
    const grant = await overture.workspaces.authenticate(key);
    return authorize(grant ? keyPrincipal(grant) : null, permission, true);
  }
  const cookie = c.req.header("cookie");
  const member =
    cookie && overture.sessions
      ? await overture.sessions.principalOf({
          cookie,
          workspaceId: c.req.header("x-overture-workspace"),
          csrfToken: c.req.header("x-csrf-token"),
          method: c.req.method,
        })
      : null;
  return authorize(member, permission, member !== null || !!(cookie && overture.sessions));
}

function writeKeyInBody(json: unknown): string | null {
  if (json === null || typeof json !== "object" || !("writeKey" in json)) return null;
  return typeof json.writeKey === "string" && json.writeKey !== "" ? json.writeKey : null;
}
