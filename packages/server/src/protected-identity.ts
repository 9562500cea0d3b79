import {
  ALWAYS_PROTECTED_ATTRIBUTES,
  ensurePortalSchemasOnce,
  getIdentitySettings,
  hasProtectedAttribute,
  splitProtectedAttributes,
  verifyCustomerToken,
} from "@overture/channels";
import type { Json } from "@overture/core";
import type { Store } from "@overture/runtime";
import type { Context } from "hono";
import { keyFromAuthorization } from "./auth.ts";
import type { MappedItem } from "./ingest.ts";
import type { OvertureApi } from "./route.ts";

/** A protected attribute change that was not applied; `index` is the item's place in a batch. */
export type Refusal = { index?: number; path: string; code: "protected_attribute"; message: string };

/** Where the refused attribute sat in the request: `attributes` on our events, `traits` on Segment identify. */
export type AttributesField = "attributes" | "traits";

/**
 * Takes out of `items` (in place) the protected attribute changes the caller may not make, and returns them. Allowed:
 * a call with the secret key; an event of the customer signed by the X-Customer-Id and X-Customer-Token headers (a
 * customer token, the "signed identity"); a value equal to the one stored. Everything else of the call still applies.
 */
export async function withholdProtectedChanges(
  overture: OvertureApi,
  workspaceId: string,
  c: Context,
  request: { items: MappedItem[]; field: AttributesField; batch: boolean; body?: unknown },
): Promise<Refusal[]> {
  const { store } = overture;
  if (!store) return [];
  const now = overture.clock.now();
  await ensurePortalSchemasOnce(store);
  const names = [
    ...ALWAYS_PROTECTED_ATTRIBUTES,
    ...(await getIdentitySettings(store, workspaceId, now)).protectedAttributes,
  ];
  const touching = request.items.flatMap((item, index) =>
    item.ok && hasProtectedAttribute(item.event.attributes, names) ? [{ item, index }] : [],
  );
  if (touching.length === 0) return [];
  if ((await keyKind(overture, c, request.body)) === "secret") return [];
  const signed = await signedCustomer(store, workspaceId, c, now);
  const refusals: Refusal[] = [];
  const profiles = new Map<string, Record<string, Json> | null>();
  for (const { item, index } of touching) {
    if (!item.ok) continue;
    const { event } = item;
    if (signed.customerId === event.customerId) continue;
    if (!profiles.has(event.customerId))
      profiles.set(event.customerId, (await overture.customers.get(workspaceId, event.customerId))?.attributes ?? null);
    const { kept, refused } = splitProtectedAttributes(
      event.attributes ?? {},
      names,
      profiles.get(event.customerId) ?? null,
    );
    if (refused.length === 0) continue;
    event.attributes = kept;
    // An identify event carries its traits as properties too; the refused ones must not reach journeys that way.
    if (event.name === "identify" && event.properties) for (const key of refused) delete event.properties[key];
    for (const key of refused) {
      const message = `"${key}" is protected: the write key may change it only with a signed identity for customer "${event.customerId}" (X-Customer-Id and X-Customer-Token${signed.problem ? `; ${signed.problem}` : ""}), or use the secret key.`;
      const path = `${request.field}.${key}`;
      refusals.push(
        request.batch
          ? { index, path, code: "protected_attribute", message }
          : { path, code: "protected_attribute", message },
      );
    }
  }
  return refusals;
}

async function keyKind(overture: OvertureApi, c: Context, body: unknown): Promise<"secret" | "write" | null> {
  const key = keyFromAuthorization(c.req.header("authorization")) ?? writeKeyInBody(body);
  return key ? ((await overture.workspaces.authenticate(key))?.kind ?? null) : null;
}

function writeKeyInBody(body: unknown): string | null {
  if (body === null || typeof body !== "object" || !("writeKey" in body)) return null;
  return typeof body.writeKey === "string" && body.writeKey !== "" ? body.writeKey : null;
}

/** The customer the request's headers prove, or why they prove none (told in the refusal). */
async function signedCustomer(
  store: Store,
  workspaceId: string,
  c: Context,
  now: number,
): Promise<{ customerId: string | null; problem?: string }> {
  const customerId = c.req.header("x-customer-id");
  const token = c.req.header("x-customer-token");
  if (!customerId || !token) return { customerId: null };
  const check = await verifyCustomerToken(store, workspaceId, customerId, token, now);
  return check.ok
    ? { customerId }
    : { customerId: null, problem: `the X-Customer-Token sent was refused: ${check.code}` };
}

/** The answer of an ingestion call, with its refused changes when there are any. */
export function withRefusals<T extends object>(answer: T, refused: Refusal[]): T & { refused?: Refusal[] } {
  return refused.length > 0 ? { ...answer, refused } : answer;
}
