import { type OpenedStore, type StoreTarget, storeTargets } from "@overture/testkit";

/** An opened, migrated store and how to throw it away. */
export type TeamStore = OpenedStore;
export type TeamStoreTarget = StoreTarget;

/** SQLite in a temporary folder, and PostgreSQL in a private schema (skipped when unreachable). */
export const TEAM_STORES: StoreTarget[] = await storeTargets("team");
