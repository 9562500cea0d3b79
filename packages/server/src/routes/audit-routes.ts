import { AuditPageSchema, AuditQuery, AuditSettingsInput, AuditSettingsSchema } from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import type { AuditLog } from "@overture/team";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";

const tag = "Audit";

function auditOf(overture: OvertureApi): AuditLog {
  if (!overture.audit) throw new InputError("unavailable", "The audit log is not available on this server.");
  return overture.audit;
}

/** The audit log (issue 13): read it with filters, newest first, and set how long it is kept. */
export const auditRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/audit",
    operationId: "listAudit",
    summary: "Read the audit log",
    description:
      "Every change and sensitive read, newest first. Filter by actor (id, name or email), kind (action), object and time; page with `cursor`.",
    tag,
    auth: "secret",
    query: AuditQuery,
    success: { status: 200, description: "A page of entries.", schema: AuditPageSchema },
    handle: async ({ overture, workspaceId, query }) =>
      auditOf(overture).list(workspaceId, {
        actor: query.actor,
        action: query.kind,
        objectType: query.objectType,
        objectId: query.objectId,
        from: query.from === undefined ? undefined : Date.parse(query.from),
        to: query.to === undefined ? undefined : Date.parse(query.to),
        cursor: query.cursor,
        limit: query.limit,
      }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/audit/settings",
    operationId: "getAuditSettings",
    summary: "How long the audit log is kept",
    tag,
    auth: "secret",
    success: { status: 200, description: "The retention in days.", schema: AuditSettingsSchema },
    handle: async ({ overture, workspaceId }) => auditOf(overture).settings(workspaceId),
  }),
  defineRoute({
    method: "put",
    path: "/v1/audit/settings",
    operationId: "putAuditSettings",
    summary: "Set how long the audit log is kept",
    tag,
    auth: "secret",
    body: AuditSettingsInput,
    success: { status: 200, description: "The retention in days.", schema: AuditSettingsSchema },
    handle: async ({ overture, workspaceId, body }) =>
      auditOf(overture).putSettings(workspaceId, body, overture.clock.now()),
  }),
];
