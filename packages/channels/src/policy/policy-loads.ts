import type { Store } from "@overture/runtime";
import DataLoader from "dataloader";
import { type DeliveryPolicy, savedDeliveryPolicy } from "./policy-settings.ts";

const byStore = new WeakMap<Store, DataLoader<string, DeliveryPolicy | null>>();

/**
 * The policy a workspace saved (null: none), read once per workspace for all the deliveries that ask in one tick: a
 * dispatcher batch's rows ask together, so a batch costs one read instead of one per row. Nothing is kept between
 * ticks, so a policy saved by any process applies from the next batch on, as before.
 */
export function loadSavedPolicy(store: Store, workspaceId: string): Promise<DeliveryPolicy | null> {
  let loader = byStore.get(store);
  if (!loader) {
    loader = new DataLoader<string, DeliveryPolicy | null>(
      async (workspaceIds) => {
        const distinct = [...new Set(workspaceIds)];
        const saved = await Promise.all(distinct.map((id) => savedDeliveryPolicy(store, id)));
        const byId = new Map(distinct.map((id, i) => [id, saved[i] ?? null]));
        return workspaceIds.map((id) => byId.get(id) ?? null);
      },
      { cache: false },
    );
    byStore.set(store, loader);
  }
  return loader.load(workspaceId);
}
