import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePortalSchemas, useSecretBox } from "@overture/channels";
import { createSecretBox, openStore, type Store } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";

/** 2026-01-05T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** The server secret the portal stores seal their identity secrets with (what serve derives from OVERTURE_SECRET). */
export const TEST_SERVER_SECRET = "portal test server secret";

/** A store with the portal's tables (identity secrets sealed with TEST_SERVER_SECRET), and how to throw it away. */
export type PortalStore = { store: Store; close(): Promise<void> };

/** One database the data-access suites run on; `skip` says why it cannot run here (never a fake database). */
export type StoreTarget = { name: "sqlite" | "postgres"; skip: string | false; open(): Promise<PortalStore> };

const pgUrl = testDatabaseUrl();
const pgUp = await postgresAvailable(pgUrl);
if (!pgUp)
  console.warn(
    `PostgreSQL is not reachable at ${pgUrl}: its portal tests are skipped. Set TEST_DATABASE_URL to run them.`,
  );

/** SQLite in a temporary folder, and PostgreSQL in a private schema (skipped when unreachable). */
export const STORE_TARGETS: StoreTarget[] = [
  {
    name: "sqlite",
    skip: false,
    async open() {
      const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "overture-portal-"));
      const store = await openStore({ dataDir: dir, durability: "normal" });
      await store.migrate();
      await ensurePortalSchemas(store);
      useSecretBox(store, createSecretBox(TEST_SERVER_SECRET));
      return {
        store,
        async close() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "postgres",
    skip: pgUp ? false : `no PostgreSQL at ${pgUrl}`,
    async open() {
      const schema: TestSchema = await createTestSchema(pgUrl);
      const store = await openStore({ databaseUrl: `${schema.url}%20-c%20synchronous_commit%3Doff` });
      await store.migrate();
      await ensurePortalSchemas(store);
      useSecretBox(store, createSecretBox(TEST_SERVER_SECRET));
      return {
        store,
        async close() {
          await store.close();
          await schema.drop();
        },
      };
    },
  },
];
