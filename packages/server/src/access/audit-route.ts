import { actorOf, type Principal } from "@overture/api-contract";
import { DEFAULT_WORKSPACE_ID } from "@overture/runtime";
import { type AuditEntryInput, documentDiff } from "@overture/team";
import type { Context } from "hono";
import type { Logger } from "../logger.ts";
import { normalizeError } from "../normalize-error.ts";
import type { OvertureApi, RouteDef } from "../route.ts";
import { AUDITED_READS, auditActionOf, auditObjectTypeOf } from "./audit-actions.ts";
import { auditDetailOf, redactSecrets } from "./audit-redact.ts";

/** Who a sign-in that answers no error refused, and why (single sign-on's redirects): `c.set("auditFailure", …)`. */
type SignInRefusal = { email: string; code: string };

/** What a handler that changes a document hands the recorder: `c.set("auditChange", { before, after })`. */
export type AuditChange = { before: unknown; after: unknown };

/** Permissions whose routes are not recorded: a customer's own portal calls and event ingestion (the hot path). */
const UNAUDITED_PERMISSIONS = new Set(["events.ingest", "portal.customer"]);

/** POST routes that change nothing and are called as a user types: a segment's size estimate at every rule edit. */
const UNAUDITED_OPERATIONS = new Set(["estimateSegment"]);

/** Whether the router records a route: every non-GET route (but ingestion and the portal), and the sensitive reads. */
export function isAudited(route: RouteDef, permission: string): boolean {
  if (AUDITED_READS.has(route.operationId)) return true;
  if (route.method === "get" || UNAUDITED_PERMISSIONS.has(permission)) return false;
  if (UNAUDITED_OPERATIONS.has(route.operationId)) return false;
  return permission !== "public" || route.operationId === "signIn" || AUDIT_PUBLIC.has(route.operationId);
}

// Public routes that change who can act: recorded when they name a member (a principal or an audit subject).
const AUDIT_PUBLIC = new Set(["completeSetup", "resetPassword", "acceptInvitation", "requestPasswordReset"]);

/**
 * Runs a route and records it in the audit log before the answer goes out: the successes of audited routes and the
 * failed sign-ins (401 of `signIn`). Recording never fails the request: an error writing the entry is logged.
 */
export async function auditRoute(
  overture: OvertureApi,
  route: RouteDef,
  permission: string,
  c: Context,
  run: () => Promise<Response>,
  logger: Logger,
): Promise<Response> {
  const audit = overture.audit;
  if (!audit || !isAudited(route, permission)) return run();
  // Building the entry (the body, the answer's id) is inside the guard too: nothing here may fail the request.
  const write = async (result: Parameters<typeof entryOf>[3]) => {
    try {
      const entry = await entryOf(overture, route, c, result);
      if (entry) await audit.record(entry);
    } catch (error) {
      logger.error({ err: error, operationId: route.operationId }, "audit entry not written");
    }
  };
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    if (route.operationId === "signIn" && normalizeError(error).status === 401)
      await write({ outcome: "failure", status: 401 });
    throw error;
  }
  // A refused single sign-on answers a redirect like a success; the route says so with `auditFailure`.
  const refused = c.get("auditFailure" as never) as SignInRefusal | undefined;
  if (refused) await write({ outcome: "failure", status: response.status });
  else if (response.status < 400) await write({ outcome: "success", status: response.status, response });
  return response;
}

async function entryOf(
  overture: OvertureApi,
  route: RouteDef,
  c: Context,
  result: { outcome: "success" | "failure"; status: number; response?: Response },
): Promise<AuditEntryInput | null> {
  const principal = c.get("principal" as never) as Principal | undefined;
  const refused = c.get("auditFailure" as never) as SignInRefusal | undefined;
  const subject =
    (c.get("auditSubject" as never) as { email: string; workspaceId?: string } | undefined) ??
    (refused ? { email: refused.email || "(no email)" } : undefined);
  const actor = principal
    ? actorOf(principal)
    : subject
      ? { kind: "user" as const, id: "", name: subject.email }
      : null;
  if (!actor) return null;
  const workspaceId =
    principal?.workspaceId ?? subject?.workspaceId ?? c.req.header("x-overture-workspace") ?? DEFAULT_WORKSPACE_ID;
  const action =
    result.outcome === "failure" && (route.operationId === "signIn" || refused)
      ? "session.sign_in_failed"
      : auditActionOf(route.operationId);
  const change = c.get("auditChange" as never) as AuditChange | undefined;
  const body = route.body ? await bodyOf(c) : undefined;
  return {
    workspaceId,
    at: overture.clock.now(),
    actor,
    action,
    object: { type: auditObjectTypeOf(action), id: (await objectIdOf(c, result.response)) ?? "" },
    diff: change ? documentDiff(redactSecrets(change.before), redactSecrets(change.after)) : null,
    detail: refused ? { code: refused.code } : auditDetailOf(body),
    outcome: result.outcome,
    status: result.status,
    operationId: route.operationId,
    ip: clientAddress(c),
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 500),
  };
}

/** The object's id: the path's (`:id`, `:name`, `:userId`, `:seq`), else the `id` of a created object's answer. */
async function objectIdOf(c: Context, response?: Response): Promise<string | null> {
  const params = c.req.param() as Record<string, string>;
  const fromPath = params.id ?? params.name ?? params.userId ?? params.seq;
  if (fromPath) return fromPath;
  if (!response || !(response.headers.get("content-type") ?? "").includes("json")) return null;
  const answer = (await response
    .clone()
    .json()
    .catch(() => null)) as { id?: unknown; key?: { id?: unknown } } | null;
  const id = answer?.id ?? answer?.key?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : null;
}

async function bodyOf(c: Context): Promise<unknown> {
  // Hono keeps the body read by the route, so this reads no stream twice.
  const text = await c.req.text().catch(() => "");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Where the request came from: the socket's remote address (under @hono/node-server), or the first address of
 * X-Forwarded-For when OVERTURE_TRUST_PROXY=1 says a proxy in front sets it (otherwise a client could forge it).
 */
export function clientAddress(c: Context): string {
  if (process.env.OVERTURE_TRUST_PROXY === "1") {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "";
}

/**
 * Runs a change of a document and hands the audit log its before and after (`after` picks the document out of the
 * result, e.g. a journey's draft). Reading `before` may fail (nothing there yet): it is then null.
 */
export async function auditedChange<T>(
  c: Context,
  before: Promise<unknown>,
  change: () => Promise<T>,
  after: (result: T) => unknown = (result) => result,
): Promise<T> {
  const previous = await before.catch(() => null);
  const result = await change();
  c.set("auditChange" as never, { before: previous, after: after(result) } satisfies AuditChange as never);
  return result;
}
