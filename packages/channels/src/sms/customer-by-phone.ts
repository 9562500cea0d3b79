import type { Json } from "@overture/core";
import type { Store } from "@overture/runtime";

/** Most customers one inbound text changes: a phone shared by more profiles than this is a data problem. */
export const PHONE_SHARERS_LIMIT = 100;

/**
 * The customers of a workspace whose `phone` attribute is `phone` (several profiles may share one: a household, a
 * duplicate), at most {@link PHONE_SHARERS_LIMIT}, in id order; through the runtime's Store port, which owns customers.
 */
export function findCustomersByPhone(
  store: Pick<Store, "customersWithAttribute">,
  workspaceId: string,
  phone: string,
): Promise<Array<{ id: string; attributes: Record<string, Json> }>> {
  return store.customersWithAttribute(workspaceId, "phone", phone, PHONE_SHARERS_LIMIT);
}
