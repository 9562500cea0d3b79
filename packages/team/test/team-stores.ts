import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";

/** An opened, migrated store and how to throw it away. */
export type TeamStore = { store: Store; close(): Promise<void> };

/** One database the team suites run on; `skip` says why it cannot run here (never a fake database). */
export type TeamStoreTarget = { name: "sqlite" | "postgres"; skip: string | false; open(): Promise<TeamStore> };

const pgUrl = testDatabaseUrl();
const pgUp = await postgresAvailable(pgUrl);
if (!pgUp) console.warn(`PostgreSQL is not reachable at ${pgUrl}: the team tests on it are skipped.`);

/** SQLite in a temporary folder, and PostgreSQL in a private schema (skipped when unreachable). */
export const TEAM_STORES: TeamStoreTarget[] = [
  {
    name: "sqlite",
    skip: false,
    async open() {
      const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "overture-team-"));
      const store = await openStore({ dataDir: dir, durability: "normal" });
      await store.migrate();
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
      const store = await openStore({ databaseUrl: schema.url });
      await store.migrate();
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
