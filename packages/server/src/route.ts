import type { Permission, Principal } from "@overture/api-contract";
import type {
  Clock,
  CustomerService,
  EventService,
  JourneyService,
  KeyService,
  ReportService,
  Store,
  WorkspaceService,
} from "@overture/runtime";
import type { Approvals, AuditLog, Members, Privacy, Sso } from "@overture/team";
import type { Context } from "hono";
import type { z } from "zod";

/** The runtime services the HTTP API calls (an opened Overture has them all). */
export type OvertureApi = {
  workspaces: WorkspaceService;
  journeys: JourneyService;
  customers: CustomerService;
  events: EventService;
  /** The runtime's clock: Segment's clock-skew correction reads it, so simulated time stays consistent. */
  clock: Clock;
  /**
   * The opened store, which the channel features' routes (content, slots, portal, webhooks, outbox, policy) hand to
   * those features' ports, and readiness and metrics read `ops` of. Absent when the API runs on the services alone
   * (some tests): those routes then say what is missing. The server itself runs no SQL (docs/table-owners.json).
   */
  store?: Store;
  /** Journey reports and the workspace overview (issue 14); absent: the report routes make one on `store`. */
  reports?: ReportService;
  /** The engine, when it runs in this process: /metrics counts the steps it executed. */
  engine?: { readonly stepsExecuted: number };
  /** Named, scoped API keys (issue 13): the keys routes answer "not available" without it. */
  keys?: KeyService;
  /** The audit log (issue 13): the router records every change and sensitive read in it. Absent: nothing recorded. */
  audit?: AuditLog;
  /** Signed-in members (issue 13): who a request's session is. Absent: API keys only. */
  sessions?: SessionAuth;
  /** Users, their sessions and roles (issue 13); the members, sign-in and setup routes need it. */
  members?: Members;
  /**
   * Customers' data rights (issue 13): erase, export, retention. `serve` wires it with the development mailbox;
   * absent, the routes make one over `store` (without a mailbox).
   */
  privacy?: Privacy;
  /**
   * Review before publishing (issue 13). Absent: made from `store`, `journeys` and `clock` on first use (tests,
   * harnesses); absent with no store, publishing needs no approval.
   */
  approvals?: Approvals;
  /** Single sign-on with OpenID Connect (issue 13); absent or not `enabled`: the sign-in screen shows no SSO button. */
  sso?: Sso;
};

/** What the router tells the session layer of a request without an API key. */
export type SessionRequest = {
  /** The Cookie header. */
  cookie: string | undefined;
  /** The workspace the request names (X-Overture-Workspace), when it names one. */
  workspaceId: string | undefined;
  /** The X-CSRF-Token header: a session's unsafe request (not GET/HEAD) must carry its token. */
  csrfToken: string | undefined;
  method: string;
};

/**
 * Resolves a session cookie to the member it signs in, in the workspace named (or the member's first), or null when
 * there is no valid session. Throws InputError("forbidden") for an unsafe request without the session's CSRF token.
 */
export type SessionAuth = { principalOf(request: SessionRequest): Promise<Principal | null> };

/**
 * Who may call a route: `secret` for management (journeys, customers), `write` for ingestion (the write key or the
 * secret key), `none` for the health check and the OpenAPI document.
 */
export type RouteAuth = "secret" | "write" | "none";

/** What a handler gets: the authenticated workspace and principal, and the validated input. */
export type HandlerContext<B extends z.ZodType, Q extends z.ZodType> = {
  overture: OvertureApi;
  workspaceId: string;
  /** Who the request acts as (a member or a key); null on public routes. */
  principal: Principal | null;
  body: z.output<B>;
  query: z.output<Q>;
  params: Record<string, string>;
  /** The raw Hono context, for headers. */
  c: Context;
};

/**
 * One route: how it is served and how it is documented, in one place. The server registers it with Hono and the
 * OpenAPI document is generated from the same list, so every route served is documented.
 */
export type RouteDef<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> = {
  method: "get" | "post" | "put" | "delete";
  /** Hono syntax: `/v1/journeys/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: RouteAuth;
  /**
   * Set by channel modules' routes, which the server's table does not list: the permission they declared or one derived
   * from their `auth`. Every other route's permission is its line in `access/route-permissions.ts`.
   */
  permission?: Permission | "public";
  /** Validates the JSON body; the handler gets its output. Without it, the body is ignored. */
  body?: B;
  /** Documented in place of `body` when the route validates items one by one (batches). */
  bodyDoc?: z.ZodType;
  query?: Q;
  /** Largest accepted body in bytes (default: the app's limit). */
  maxBodyBytes?: number;
  /** Segment sends the write key as HTTP Basic user name, or as `writeKey` in the body. */
  segment?: boolean;
  /** A portal route: it acts for the customer of the X-Customer-Id and X-Customer-Token headers (documented as such). */
  customer?: boolean;
  /** How the route is really authenticated when the router does not (auth "none"), for the OpenAPI document. */
  security?: Array<Record<string, string[]>>;
  /** 302 for the routes that redirect a browser (single sign-on): their handler answers the Response itself. */
  success: { status: 200 | 201 | 302; description: string; schema?: z.ZodType };
  /** Statuses besides the usual ones (400, 401, 403, 413, 500) worth documenting, e.g. 404 or 422. */
  errors?: number[];
  handle(ctx: HandlerContext<B, Q>): Promise<unknown>;
};

/** Declares a route with its input types inferred from its schemas. */
export function defineRoute<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  def: RouteDef<B, Q>,
): RouteDef {
  return def as unknown as RouteDef;
}
