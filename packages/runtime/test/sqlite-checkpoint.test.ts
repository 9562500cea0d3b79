import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { event, T0, WS } from "./store-contract-fixtures.ts";

/**
 * The WAL is copied back into the database file by a thread of its own, not by the commit that crosses a threshold.
 * What shows it: the database file alone, without its WAL, holds what was committed, although no commit came near
 * the writer's own (backstop) threshold of 50,000 pages.
 */
const EVENTS = 3_000;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Events in a copy of the database file taken without its WAL: what has been checkpointed. A copy taken while a
 * checkpoint writes the file may be torn (-1: look again).
 */
function eventsInFileAlone(path: string, dir: string): number {
  const copy = join(dir, `copy-${Date.now()}-${Math.random()}.db`);
  copyFileSync(path, copy);
  let db: Database.Database | undefined;
  try {
    db = new Database(copy, { readonly: true });
    const hasTable = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'events'").pluck().get() === 1;
    return hasTable ? (db.prepare("SELECT count(*) FROM events").pluck().get() as number) : 0;
  } catch {
    return -1;
  } finally {
    db?.close();
    rmSync(copy, { force: true });
  }
}

async function eventually(check: () => boolean, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

async function fill(store: SqliteStore): Promise<void> {
  await store.migrate();
  await store.insertWorkspace({ id: WS, name: "Workspace", createdAt: T0 });
  const events = Array.from({ length: EVENTS }, (_, n) =>
    event(`e${n}`, `c${n % 300}`, "portal.login", T0 + n, { page: "x".repeat(100) }),
  );
  for (let n = 0; n < EVENTS; n += 500) await store.insertEvents(events.slice(n, n + 500));
}

describe("SQLite background checkpoint", () => {
  it("copies committed pages into the database file while the store stays open, and stops with the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-checkpoint-"));
    dirs.push(dir);
    const path = join(dir, "overture.db");
    const store = new SqliteStore(path, { durability: "normal" });
    try {
      await fill(store);
      expect(await eventually(() => eventsInFileAlone(path, dir) === EVENTS)).toBe(true);
      // The thread reports its figures by message, which may land after the file already shows the pages.
      expect(await eventually(() => (store.checkpoint?.copiedFrames ?? 0) > 0)).toBe(true);
      expect(store.checkpoint?.lastError).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("without it, the same writes stay in the WAL: the database file alone lacks them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-checkpoint-"));
    dirs.push(dir);
    const path = join(dir, "overture.db");
    const store = new SqliteStore(path, { durability: "normal", backgroundCheckpoint: false });
    try {
      await fill(store);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(store.checkpoint).toBeNull();
      expect(eventsInFileAlone(path, dir)).toBeLessThan(EVENTS);
    } finally {
      await store.close();
    }
  });

  it("runs no thread for a database in memory", async () => {
    const store = new SqliteStore(":memory:");
    expect(store.checkpoint).toBeNull();
    await store.close();
  });
});
