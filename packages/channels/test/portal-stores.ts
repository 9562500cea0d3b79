import { ensurePortalSchemas, useSecretBox } from "@overture/channels";
import { createSecretBox } from "@overture/runtime";
import { type OpenedStore, type StoreTarget, storeTargets } from "@overture/testkit";

/** 2026-01-05T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** The server secret the portal stores seal their identity secrets with (what serve derives from OVERTURE_SECRET). */
export const TEST_SERVER_SECRET = "portal test server secret";

/** A store with the portal's tables (identity secrets sealed with TEST_SERVER_SECRET), and how to throw it away. */
export type PortalStore = OpenedStore;
export type { StoreTarget };

/** SQLite in a temporary folder, and PostgreSQL in a private schema (skipped when unreachable). */
export const STORE_TARGETS: StoreTarget[] = await storeTargets(
  "portal",
  async (store) => {
    await ensurePortalSchemas(store);
    useSecretBox(store, createSecretBox(TEST_SERVER_SECRET));
  },
  { databaseUrlSuffix: "%20-c%20synchronous_commit%3Doff" },
);
