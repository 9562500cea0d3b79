import type { Json } from "@overture/core";
import type { Clock } from "../clock/clock.ts";
import { InputError } from "../errors.ts";
import type { CustomerService } from "../runtime-types.ts";
import type { Store } from "../store/store.ts";

/** Customer profiles and their journey history (which steps, when, why). */
/**
 * `announces` says whether a workspace's segments read profiles: its upserts then also queue `$profile.updated`, so
 * the engine decides the customer's segments again (docs/decisions/0038).
 */
export function createCustomerService(
  store: Store,
  clock: Clock,
  announces: (workspaceId: string) => boolean = () => false,
): CustomerService {
  return {
    async upsert(workspaceId, input) {
      if (!input.id)
        throw new InputError("invalid_input", "A customer needs an id", [
          { path: "id", code: "required", message: "Give the customer id from your system" },
        ]);
      // Identified again: an erased customer's tombstone is lifted, so their events are taken again.
      await store.customerData.lift(workspaceId, input.id);
      await store.upsertCustomers(
        workspaceId,
        [{ id: input.id, attributes: input.attributes as Record<string, Json> }],
        clock.now(),
        { announce: announces(workspaceId) },
      );
      return (await store.getCustomer(workspaceId, input.id))!;
    },
    get: (workspaceId, customerId) => store.getCustomer(workspaceId, customerId),
    async history(workspaceId, customerId) {
      const customer = await store.getCustomer(workspaceId, customerId);
      if (!customer) throw new InputError("not_found", `No customer with id '${customerId}'`);
      const instances = await store.instancesOfCustomer(workspaceId, customerId);
      const transitions = await store.transitionsOfInstances(
        workspaceId,
        instances.map((i) => i.id),
      );
      const recentEvents = await store.recentEvents(workspaceId, customerId, 50);
      return {
        customer,
        instances: instances.map((i) => ({
          ...i,
          transitions: transitions
            .filter((t) => t.instanceId === i.id)
            .map(({ stepId, kind, outcome, reason, at }) => ({ stepId, kind, outcome, reason, at })),
        })),
        recentEvents,
      };
    },
  };
}
