import { mkdirSync, mkdtempSync, rmSync, statfsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestSchema, postgresAvailable, testDatabaseUrl } from "@overture/testkit";
import type { StoreName } from "./flags.ts";
import { note } from "./progress.ts";

/** Where a benchmark child opens its store: a SQLite folder or a PostgreSQL URL. Plain data, so it crosses fork(). */
export type StoreTarget = { store: "sqlite"; dataDir: string } | { store: "postgres"; databaseUrl: string };

/** A fresh, empty store for one benchmark, and how to remove it afterwards. */
export type FreshStore = { target: StoreTarget; where: string; remove(): Promise<void> };

/** The repository's `.tmp/bench` folder: on the real disk (git and Biome ignore `.tmp`). */
const BENCH_DIR = join(dirname(dirname(fileURLToPath(import.meta.url))), ".tmp", "bench");

/** statfs f_type of tmpfs and ramfs: a SQLite file there never waits for a disk. */
const MEMORY_FS = new Set([0x01021994, 0x858458f6]);

/** The PostgreSQL the benchmark uses: TEST_DATABASE_URL, or the CI database at 127.0.0.1:5432/test. */
export function benchDatabaseUrl(): string {
  return testDatabaseUrl();
}

/** True when PostgreSQL answers at `url`. */
export function isPostgresReachable(url: string): Promise<boolean> {
  return postgresAvailable(url);
}

/**
 * A fresh SQLite file in a new folder on the real disk, opened later with the default (FULL) durability; or a fresh
 * schema of the PostgreSQL database with the server's own settings (no synchronous_commit tricks).
 */
export async function freshStore(store: StoreName, databaseUrl: string): Promise<FreshStore> {
  if (store === "sqlite") {
    mkdirSync(BENCH_DIR, { recursive: true });
    const dataDir = mkdtempSync(join(BENCH_DIR, "sqlite-"));
    if (MEMORY_FS.has(Number(statfsSync(dataDir).type)))
      note(`warning: ${dataDir} is on a memory file system; the SQLite figures will not be a disk's`);
    return {
      target: { store, dataDir },
      where: dataDir,
      remove: async () => {
        // BENCH_KEEP=1 leaves the file for a look at what the run wrote (sizes per table, the WAL).
        if (!process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema(databaseUrl);
  return { target: { store, databaseUrl: schema.url }, where: `schema ${schema.schema}`, remove: () => schema.drop() };
}

/** The openOverture options of a target. */
export function storeOptions(target: StoreTarget): { dataDir: string } | { databaseUrl: string } {
  return target.store === "sqlite" ? { dataDir: target.dataDir } : { databaseUrl: target.databaseUrl };
}
