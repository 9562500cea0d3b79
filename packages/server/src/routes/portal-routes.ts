import {
  CustomerTokenQuery,
  CustomerTokenSchema,
  SlotDecisionsQuery,
  SlotDecisionsSchema,
} from "@overture/api-contract";
import { decideSlots, ensurePortalSchemasOnce, issueCustomerToken, verifyCustomerToken } from "@overture/channels";
import { InputError, type Store } from "@overture/runtime";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";

const tag = "Portal";

/**
 * The store behind the API, with the portal's tables ensured. The portal routes hand it to the channel features'
 * functions, which own those tables; an opened Overture (what `serve` and the tests pass to createApp) has it.
 */
export async function portalStore(overture: OvertureApi): Promise<Store> {
  const { store } = overture;
  if (!store)
    throw new Error("the content and portal routes need the runtime's store: pass the opened Overture to createApp");
  await ensurePortalSchemasOnce(store);
  return store;
}

function invalidToken(code: string, message: string, path: string): InputError {
  return new InputError(code, message, [{ path, code, message }]);
}

/**
 * The customer a portal call acts for: `customerId` signed by `token` (a customer token, as `GET /v1/portal/token`
 * gives it to the portal's backend: key id, expiry, HMAC-SHA256 of the workspace's identity secret). Throws 401
 * otherwise (invalid_customer_token, customer_token_expired or customer_token_outdated), so the public write key alone
 * never opens another customer's inbox.
 */
export async function verifiedCustomer(
  overture: OvertureApi,
  workspaceId: string,
  customerId: string | undefined,
  token: string | undefined,
): Promise<string> {
  if (!customerId)
    throw invalidToken(
      "invalid_customer_token",
      "Send the customer's id (X-Customer-Id header).",
      "headers.x-customer-id",
    );
  if (!token)
    throw invalidToken(
      "invalid_customer_token",
      "Send the customer's token (X-Customer-Token header).",
      "headers.x-customer-token",
    );
  const store = await portalStore(overture);
  const check = await verifyCustomerToken(store, workspaceId, customerId, token, overture.clock.now());
  if (!check.ok) throw invalidToken(check.code, check.message, "headers.x-customer-token");
  return customerId;
}

/** The customer of a portal call made with headers (X-Customer-Id, X-Customer-Token). */
export function headerCustomer(
  overture: OvertureApi,
  workspaceId: string,
  c: { req: { header(name: string): string | undefined } },
): Promise<string> {
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
  if (problem)
    throw new InputError("invalid_input", `The slots list is not valid: ${problem}.`, [
      { path: "slots", code: "invalid_slots", message: problem },
    ]);
  return names;
}

/** The customer-facing decision API and the token route a portal's backend calls. */
export const portalRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/portal/token",
    operationId: "getCustomerToken",
    summary: "A customer's portal token, for your portal's backend to hand to its page",
    description:
      "The token is `v1.<keyId>.<expiresAtSeconds>.<signature>`, the signature base64url(HMAC-SHA256(identity secret keyId, " +
      '"v1.<keyId>.<expiresAtSeconds>.<customerId>")). Portal calls send it with the write key (X-Customer-Token); ' +
      "ingestion calls that carry it may change the customer's protected attributes. It expires (default 12 hours).",
    tag,
    auth: "secret",
    query: CustomerTokenQuery,
    success: {
      status: 200,
      description: "The customer id, its token, the identity key that signed it and when it expires (epoch ms).",
      schema: CustomerTokenSchema,
    },
    handle: async ({ overture, workspaceId, query }) => {
      const ttlMs = query.ttl === undefined ? undefined : query.ttl * 1000;
      return {
        customerId: query.customerId,
        ...(await issueCustomerToken(
          await portalStore(overture),
          workspaceId,
          query.customerId,
          overture.clock.now(),
          ttlMs,
        )),
      };
    },
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
    customer: true,
    query: SlotDecisionsQuery,
    success: {
      status: 200,
      description: "One decision per slot asked for, by name.",
      schema: SlotDecisionsSchema,
    },
    errors: [401],
    handle: async ({ overture, workspaceId, query, c }) => {
      const customerId = await headerCustomer(overture, workspaceId, c);
      const names = parseSlotNames(query.slots);
      const at = overture.clock.now();
      return {
        customerId,
        at,
        slots: await decideSlots(await portalStore(overture), workspaceId, customerId, names, at),
      };
    },
  }),
];
