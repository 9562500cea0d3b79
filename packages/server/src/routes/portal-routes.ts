import { customerToken, decideSlots, ensurePortalSchemasOnce, verifyCustomerToken } from "@overture/channels";
import { InputError, type Store } from "@overture/runtime";
import { z } from "zod";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";
import { CustomerId, named } from "../schemas.ts";

const tag = "Portal";

/**
 * The store behind the API, with the portal's tables ensured. The portal routes read feature tables through the
 * store's SQL port; an opened Overture (what `serve` and the tests pass to createApp) has it.
 */
export async function portalStore(overture: OvertureApi): Promise<Store> {
  const store = (overture as OvertureApi & { store?: Store }).store;
  if (!store) throw new Error("the content and portal routes need the runtime's store: pass the opened Overture to createApp");
  await ensurePortalSchemasOnce(store);
  return store;
}

function invalidToken(message: string, path: string): InputError {
  return new InputError("invalid_customer_token", message, [{ path, code: "invalid_customer_token", message }]);
}

/**
 * The customer a portal call acts for: `customerId` signed by `token` (HMAC-SHA256 of the workspace's identity
 * secret, as `GET /v1/portal/token` gives it to the portal's backend). Throws 401 invalid_customer_token otherwise,
 * so the public write key alone never opens another customer's inbox.
 */
export async function verifiedCustomer(overture: OvertureApi, workspaceId: string, customerId: string | undefined, token: string | undefined): Promise<string> {
  if (!customerId) throw invalidToken("Send the customer's id (X-Customer-Id header, or customerId in the query).", "headers.x-customer-id");
  if (!token) throw invalidToken("Send the customer's token (X-Customer-Token header, or token in the query).", "headers.x-customer-token");
  const store = await portalStore(overture);
  if (!(await verifyCustomerToken(store, workspaceId, customerId, token, overture.clock.now()))) {
    throw invalidToken("The customer token does not match this customer id; get a fresh one from GET /v1/portal/token.", "headers.x-customer-token");
  }
  return customerId;
}

/** The customer of a portal call made with headers (X-Customer-Id, X-Customer-Token). */
export function headerCustomer(overture: OvertureApi, workspaceId: string, c: { req: { header(name: string): string | undefined } }): Promise<string> {
  return verifiedCustomer(overture, workspaceId, c.req.header("x-customer-id"), c.req.header("x-customer-token"));
}

/**
 * The `slots` query parameter: 1–20 comma-separated names of at most 100 characters. Parsed by hand, not by zod: this
 * is on the page-render path.
 */
export function parseSlotNames(value: string): string[] {
  const names = [...new Set(value.split(",").map((n) => n.trim()))].filter((n) => n !== "");
  const problem =
    names.length === 0
      ? "name at least one slot"
      : names.length > 20
        ? "at most 20 slots"
        : names.some((n) => n.length > 100)
          ? "a slot name has at most 100 characters"
          : null;
  if (problem) throw new InputError("invalid_input", `The slots list is not valid: ${problem}.`, [{ path: "slots", code: "invalid_slots", message: problem }]);
  return names;
}

const ContentSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  url: z.string(),
  type: z.string(),
  topics: z.array(z.string()),
  body: z.string().optional(),
  imageUrl: z.string().optional(),
  createdAt: z.number(),
});

const SlotDecisionSchema = named(
  "SlotDecision",
  z.object({
    slot: z.string(),
    source: z.enum(["assignment", "default", "none"]),
    contentId: z.string().nullable(),
    until: z.number().nullable(),
    content: ContentSchema.nullable(),
  }),
);

/** The customer-facing decision API and the token route a portal's backend calls. */
export const portalRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/portal/token",
    operationId: "getCustomerToken",
    summary: "A customer's portal token, for your portal's backend to hand to its page",
    description: "The token is HMAC-SHA256(workspace identity secret, customerId). Portal calls send it with the write key.",
    tag,
    auth: "secret",
    query: z.object({ customerId: CustomerId }),
    success: { status: 200, description: "The customer id and its token.", schema: z.object({ customerId: z.string(), token: z.string() }) },
    handle: async ({ overture, workspaceId, query }) => ({
      customerId: query.customerId,
      token: await customerToken(await portalStore(overture), workspaceId, query.customerId, overture.clock.now()),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/portal/slots",
    operationId: "decideSlots",
    summary: "What each slot shows the customer now (the decision API, on the page-render path)",
    description:
      "Write key + X-Customer-Id + X-Customer-Token. For each slot: the customer's assignment while it lasts, else the slot's default, with the item inlined.",
    tag,
    auth: "write",
    query: z.object({ slots: z.string() }),
    success: {
      status: 200,
      description: "One decision per slot asked for, by name.",
      schema: z.object({ customerId: z.string(), at: z.number(), slots: z.record(z.string(), SlotDecisionSchema) }),
    },
    errors: [401],
    handle: async ({ overture, workspaceId, query, c }) => {
      const customerId = await headerCustomer(overture, workspaceId, c);
      const names = parseSlotNames(query.slots);
      const at = overture.clock.now();
      return { customerId, at, slots: await decideSlots(await portalStore(overture), workspaceId, customerId, names, at) };
    },
  }),
];
