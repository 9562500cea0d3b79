import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AuditEntryInput, type AuditLog, createAuditLog } from "../src/audit/audit-log.ts";
import { documentDiff } from "../src/audit/document-diff.ts";

const pgAvailable = await postgresAvailable(testDatabaseUrl());
if (!pgAvailable) console.warn(`PostgreSQL is not reachable at ${testDatabaseUrl()}: its audit tests are skipped.`);
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const DAY = 86_400_000;

function entry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    workspaceId: "w1",
    at: T0,
    actor: { kind: "user", id: "u1", name: "Ada" },
    action: "journey.draft_saved",
    object: { type: "journey", id: "j1" },
    diff: null,
    detail: null,
    outcome: "success",
    status: 200,
    operationId: "updateDraft",
    ip: "127.0.0.1",
    userAgent: "test",
    ...overrides,
  };
}

/** Issue 13, "Audit log": append, filter, page and prune, on both stores. */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("the audit log on %s", (_name, postgres) => {
  let store: Store;
  let audit: AuditLog;
  let dir = "";
  let schema: TestSchema | undefined;
  const skip = postgres && !pgAvailable;
  beforeEach(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), "overture-audit-"));
    schema = postgres ? await createTestSchema(testDatabaseUrl()) : undefined;
    store = await openStore(schema ? { databaseUrl: schema.url } : { dataDir: dir, durability: "normal" });
    await store.migrate();
    audit = createAuditLog(store);
  });
  afterEach(async () => {
    await store?.close();
    await schema?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)("keeps an entry whole, with its actor, object and diff", async () => {
    const diff = documentDiff({ name: "A", steps: [] }, { name: "B", steps: [{ id: "s1" }] });
    await audit.record(entry({ diff, detail: { name: "B" } }));
    const { entries } = await audit.list("w1", { limit: 10 });
    expect(entries).toEqual([{ ...entry({ diff, detail: { name: "B" } }), seq: expect.any(Number) }]);
    expect(diff).toEqual([
      { type: "CHANGE", path: ["name"], value: "B", oldValue: "A" },
      { type: "CREATE", path: ["steps", 0], value: { id: "s1" } },
    ]);
  });

  it.skipIf(skip)("filters by actor, kind, object and time, newest first, paged by cursor", async () => {
    await audit.record(entry({ at: T0, action: "key.created", object: { type: "key", id: "k1" } }));
    await audit.record(entry({ at: T0 + 1, actor: { kind: "key", id: "k9", name: "CI" } }));
    await audit.record(entry({ at: T0 + 2 }));
    await audit.record(entry({ at: T0 + 3, workspaceId: "w2" }));
    const all = await audit.list("w1", { limit: 10 });
    expect(all.entries.map((e) => e.at)).toEqual([T0 + 2, T0 + 1, T0]);
    expect((await audit.list("w1", { limit: 10, actor: "CI" })).entries.map((e) => e.at)).toEqual([T0 + 1]);
    expect((await audit.list("w1", { limit: 10, actor: "u1" })).entries.map((e) => e.at)).toEqual([T0 + 2, T0]);
    expect((await audit.list("w1", { limit: 10, action: "key.created" })).entries.map((e) => e.at)).toEqual([T0]);
    expect((await audit.list("w1", { limit: 10, objectType: "key", objectId: "k1" })).entries).toHaveLength(1);
    expect((await audit.list("w1", { limit: 10, from: T0 + 1, to: T0 + 1 })).entries.map((e) => e.at)).toEqual([
      T0 + 1,
    ]);
    const first = await audit.list("w1", { limit: 2 });
    expect(first.entries.map((e) => e.at)).toEqual([T0 + 2, T0 + 1]);
    expect(first.nextCursor).not.toBeNull();
    const second = await audit.list("w1", { limit: 2, cursor: first.nextCursor ?? 0 });
    expect(second.entries.map((e) => e.at)).toEqual([T0]);
    expect(second.nextCursor).toBeNull();
  });

  it.skipIf(skip)("prunes entries older than each workspace's retention (365 days unless set)", async () => {
    expect(await audit.settings("w1")).toEqual({ retentionDays: 365 });
    expect(await audit.putSettings("w1", { retentionDays: 30 }, T0)).toEqual({ retentionDays: 30 });
    const now = T0 + 400 * DAY;
    await audit.record(entry({ at: now - 31 * DAY }));
    await audit.record(entry({ at: now - 29 * DAY }));
    await audit.record(entry({ workspaceId: "w2", at: now - 366 * DAY }));
    await audit.record(entry({ workspaceId: "w2", at: now - 300 * DAY }));
    expect(await audit.prune(now)).toBe(2);
    expect((await audit.list("w1", { limit: 10 })).entries.map((e) => e.at)).toEqual([now - 29 * DAY]);
    expect((await audit.list("w2", { limit: 10 })).entries.map((e) => e.at)).toEqual([now - 300 * DAY]);
  });
});
