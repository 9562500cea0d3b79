import {
  CustomerErasureSchema,
  CustomerExportSchema,
  CustomerId,
  RetentionInput,
  RetentionSchema,
} from "@overture/api-contract";
import { createPrivacy, type Privacy } from "@overture/team";
import { parseWith } from "../parse-request.ts";
import type { OvertureApi } from "../route.ts";
import { defineRoute, type RouteDef } from "../route.ts";

const made = new WeakMap<object, Privacy>();

/** The privacy port `serve` wired (with the development mailbox), else one over the store (tests, embedded use). */
function privacyOf(overture: OvertureApi): Privacy {
  if (overture.privacy) return overture.privacy;
  const { store } = overture;
  if (!store) throw new Error("the data-rights routes need the runtime's store: pass the opened Overture to createApp");
  let privacy = made.get(store);
  if (!privacy) {
    privacy = createPrivacy({ store, clock: overture.clock });
    made.set(store, privacy);
  }
  return privacy;
}

/** Customers' data rights (issue 13, docs/decisions/0036): erase, export, retention. The router audits each call. */
export const privacyRoutes: RouteDef[] = [
  defineRoute({
    method: "delete",
    path: "/v1/customers/:id",
    operationId: "eraseCustomer",
    summary: "Erase a customer everywhere, and drop their late events until they are identified again",
    description:
      "Deletes the profile, events, journey entries and their history, outbox and delivery records, each channel's rows (inbox, slot assignments, content views, push subscriptions) and the development mailbox's copies, and leaves a tombstone. Idempotent: an unknown customer is not an error (every count 0).",
    tag: "Customers",
    auth: "secret",
    success: { status: 200, description: "What was erased, counted by kind.", schema: CustomerErasureSchema },
    handle: ({ overture, workspaceId, params }) =>
      privacyOf(overture).erase(workspaceId, parseWith(CustomerId, params.id, "customer id")),
  }),
  defineRoute({
    method: "get",
    path: "/v1/customers/:id/export",
    operationId: "exportCustomer",
    summary: "Everything held about a customer, as one JSON document",
    description: "After an erasure the document is empty: a null profile and empty lists.",
    tag: "Customers",
    auth: "secret",
    success: { status: 200, description: "The customer's data.", schema: CustomerExportSchema },
    handle: ({ overture, workspaceId, params }) =>
      privacyOf(overture).export(workspaceId, parseWith(CustomerId, params.id, "customer id")),
  }),
  defineRoute({
    method: "get",
    path: "/v1/retention",
    operationId: "getRetention",
    summary: "The workspace's retention windows for events, history and delivery records",
    tag: "Settings",
    auth: "secret",
    success: { status: 200, description: "The windows in days (null: kept forever).", schema: RetentionSchema },
    handle: ({ overture, workspaceId }) => privacyOf(overture).getRetention(workspaceId),
  }),
  defineRoute({
    method: "put",
    path: "/v1/retention",
    operationId: "putRetention",
    summary: "Set the workspace's retention windows (each at least 30 days, or null to keep forever)",
    tag: "Settings",
    auth: "secret",
    body: RetentionInput,
    success: { status: 200, description: "The windows as saved.", schema: RetentionSchema },
    handle: ({ overture, workspaceId, body }) => privacyOf(overture).putRetention(workspaceId, body),
  }),
];
