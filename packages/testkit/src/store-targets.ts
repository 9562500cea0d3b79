import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "./postgres.ts";

/** An opened, migrated store and how to throw it away. */
export type OpenedStore = { store: Store; close(): Promise<void> };

/** One database a data-access suite runs on; `skip` says why it cannot run here (never a fake database). */
export type StoreTarget = { name: "sqlite" | "postgres"; skip: string | false; open(): Promise<OpenedStore> };

/**
 * SQLite in a temporary folder (in memory-backed /dev/shm when there is one) and PostgreSQL in a private schema,
 * skipped with a warning when unreachable. `prepare` runs on each opened store (a feature's tables, its secret box).
 */
export async function storeTargets(
  label: string,
  prepare: (store: Store) => Promise<void> | void = () => {},
  options: { databaseUrlSuffix?: string } = {},
): Promise<StoreTarget[]> {
  const pgUrl = testDatabaseUrl();
  const pgUp = await postgresAvailable(pgUrl);
  if (!pgUp)
    console.warn(`PostgreSQL is not reachable at ${pgUrl}: the ${label} tests on it are skipped (TEST_DATABASE_URL).`);
  return [
    {
      name: "sqlite",
      skip: false,
      async open() {
        const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), `overture-${label}-`));
        const store = await openStore({ dataDir: dir, durability: "normal" });
        await store.migrate();
        await prepare(store);
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
        const store = await openStore({ databaseUrl: `${schema.url}${options.databaseUrlSuffix ?? ""}` });
        await store.migrate();
        await prepare(store);
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
}
