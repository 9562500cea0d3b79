import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import type { CustomerRecord, VersionRecord } from "../api.ts";
import type { Store } from "../store/store.ts";

/**
 * The reads every delivery makes (its customer, its journey version), coalesced: the dispatcher hands a whole batch
 * to the channels at once, so the reads its rows issue in one tick go to the store as one query each. Get them with
 * {@link deliveryLoads}; a handler outside the dispatcher (a test send) gets the same answers, only unbatched.
 */
export type DeliveryLoads = {
  /** The customer as stored now (never cached: consent and attributes change). */
  customer(workspaceId: string, customerId: string): Promise<CustomerRecord | null>;
  /**
   * A published journey version. Versions never change once published, so parsed documents are kept (an LRU per
   * store): do not modify what this returns.
   */
  version(workspaceId: string, journeyId: string, version: number): Promise<VersionRecord | null>;
};

/** Parsed journey versions kept per store; a few hundred cover every live journey of a busy deployment. */
const VERSIONS_KEPT = 500;
/** Ids per query at most: keeps statements and their parameters small. */
const MAX_BATCH = 1_000;

const SEP = "\u0000";
const byStore = new WeakMap<Store, DeliveryLoads>();

/** The store's coalesced delivery reads (one set per store, shared by every channel of the process). */
export function deliveryLoads(store: Store): DeliveryLoads {
  let loads = byStore.get(store);
  if (!loads) {
    loads = createDeliveryLoads(store);
    byStore.set(store, loads);
  }
  return loads;
}

function createDeliveryLoads(store: Store): DeliveryLoads {
  // No cache: each tick's loads read the database afresh, as the single reads did.
  const customers = new DataLoader<string, CustomerRecord | null>((keys) => loadCustomers(store, keys), {
    cache: false,
    maxBatchSize: MAX_BATCH,
  });
  const versions = new DataLoader<string, VersionRecord | null>((keys) => loadVersions(store, keys), {
    cacheMap: new LRUCache<string, Promise<VersionRecord | null>>({ max: VERSIONS_KEPT }),
  });
  return {
    customer: (workspaceId, customerId) => customers.load(`${workspaceId}${SEP}${customerId}`),
    async version(workspaceId, journeyId, version) {
      const key = `${workspaceId}${SEP}${journeyId}${SEP}${version}`;
      try {
        const found = await versions.load(key);
        // A version not found (yet) is asked again next time, as is a failed read.
        if (!found) versions.clear(key);
        return found;
      } catch (error) {
        versions.clear(key);
        throw error;
      }
    },
  };
}

/** One query per workspace among the keys (a batch is usually one workspace's). */
async function loadCustomers(store: Store, keys: readonly string[]): Promise<Array<CustomerRecord | null>> {
  const ids = new Map<string, Set<string>>();
  for (const key of keys) {
    const [workspaceId = "", customerId = ""] = key.split(SEP);
    const set = ids.get(workspaceId) ?? new Set<string>();
    ids.set(workspaceId, set);
    set.add(customerId);
  }
  const found = new Map<string, CustomerRecord>();
  await Promise.all(
    [...ids].map(async ([workspaceId, set]) => {
      for (const c of await store.getCustomers(workspaceId, [...set])) found.set(`${workspaceId}${SEP}${c.id}`, c);
    }),
  );
  return keys.map((key) => found.get(key) ?? null);
}

/** Distinct versions are few (the loader already merged equal keys): one read each. */
function loadVersions(store: Store, keys: readonly string[]): Promise<Array<VersionRecord | null>> {
  return Promise.all(
    keys.map((key) => {
      const [workspaceId = "", journeyId = "", version = "0"] = key.split(SEP);
      return store.getVersion(workspaceId, journeyId, Number(version));
    }),
  );
}
