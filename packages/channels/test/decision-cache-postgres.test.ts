import {
  assignSlot,
  DECISION_CHANNEL,
  decideSlots,
  decisionCacheOf,
  ensurePortalSchemas,
  putSlot,
  upsertContent,
} from "@overture/channels";
import { openStore, type SqlRunner, type Store } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { T0 } from "./portal-stores.ts";

/**
 * Two API processes on one PostgreSQL schema, each with its own decision cache: two stores (two pools, two LISTEN
 * connections) in this process stand for them. A write through one must reach the other's next decisions through
 * NOTIFY alone, and the cache must otherwise answer without a query.
 */

const url = testDatabaseUrl();
const up = await postgresAvailable(url);
const WS = "ws-decisions";
const HERO = "dashboard.hero";
const item = (id: string, title = `Title ${id}`) => ({
  id,
  title,
  summary: "",
  url: `/l/${id}`,
  type: "banner",
  topics: [],
});

/** Polls `check` until it holds, at most `attempts` times 50 ms apart; returns whether it held. */
async function eventually(check: () => Promise<boolean> | boolean, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** The store, with its `sql.all` calls counted (the decision query is the only read decisions make). */
function counted(store: Store): { store: Store; queries: () => number } {
  let queries = 0;
  const sql: SqlRunner = Object.create(store.sql);
  sql.all = (text, params) => {
    queries++;
    return store.sql.all(text, params);
  };
  const proxy = new Proxy(store, { get: (target, key) => (key === "sql" ? sql : Reflect.get(target, key)) });
  return { store: proxy, queries: () => queries };
}

describe.skipIf(!up)("decision cache across processes on PostgreSQL", () => {
  let schema: TestSchema;
  let writer: Store;
  let readerStore: Store;
  let reader: Store;
  let queries: () => number;
  let admin: pg.Client;
  const appName = `decide-reader-${process.pid}-${Date.now()}`;

  const hero = async (customerId: string) => (await decideSlots(reader, WS, customerId, [HERO], T0))[HERO];

  beforeAll(async () => {
    schema = await createTestSchema(url);
    writer = await openStore({ databaseUrl: schema.url });
    await writer.migrate();
    await ensurePortalSchemas(writer);
    // The reader's connections carry a name of their own, so the test can cut its LISTEN connection and no other.
    readerStore = await openStore({ databaseUrl: `${schema.url}&application_name=${appName}` });
    ({ store: reader, queries } = counted(readerStore));
    await upsertContent(writer, WS, [item("whats-new"), item("onboarding-hero"), item("tip")], T0);
    await putSlot(writer, WS, { name: HERO, defaultContentId: "whats-new", description: "" }, T0);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await readerStore?.close();
    await writer?.close();
    await schema?.drop();
  });

  it("listens once its first decision is asked, then answers repeated decisions without a query", async () => {
    expect((await hero("first"))?.contentId).toBe("whats-new");
    expect(await eventually(() => decisionCacheOf(reader).isHearingOthers())).toBe(true);
    // Read while heard from here on: entries live the long TTL.
    const before = queries();
    for (let i = 0; i < 20; i++) expect((await hero("ada"))?.contentId).toBe("whats-new");
    expect(queries()).toBe(before + 1);
  });

  it("shows an assignment written by the other process at the next decision, through NOTIFY", async () => {
    await hero("bob");
    const cached = queries();
    await hero("ada");
    await hero("bob");
    expect(queries()).toBe(cached);
    await assignSlot(writer, WS, "ada", { slot: HERO, contentId: "onboarding-hero", until: null, key: "k1", now: T0 });
    // The reader hears others (entries would live 60 s), so only the NOTIFY can make it look again within the wait.
    expect(decisionCacheOf(reader).isHearingOthers()).toBe(true);
    expect(await eventually(async () => (await hero("ada"))?.contentId === "onboarding-hero")).toBe(true);
    // One customer's assignment drops that customer's entries only.
    const afterAda = queries();
    expect((await hero("bob"))?.contentId).toBe("whats-new");
    expect(queries()).toBe(afterAda);
  });

  it("drops the whole workspace for a slot or content write of the other process, in its transaction", async () => {
    await hero("bob");
    await putSlot(writer, WS, { name: HERO, defaultContentId: "tip", description: "" }, T0 + 1);
    expect(await eventually(async () => (await hero("bob"))?.contentId === "tip")).toBe(true);
    await upsertContent(writer, WS, [item("tip", "A better tip")], T0 + 2);
    expect(await eventually(async () => (await hero("bob"))?.content?.title === "A better tip")).toBe(true);
  });

  it("ignores a redelivered assignment: nothing changed, nothing drops", async () => {
    await hero("ada");
    const before = queries();
    await assignSlot(writer, WS, "ada", { slot: HERO, contentId: "onboarding-hero", until: null, key: "k1", now: T0 });
    // A NOTIFY for another schema's customer of the same workspace id must not drop this one either.
    await admin.query("SELECT pg_notify($1, $2)", [
      DECISION_CHANNEL,
      JSON.stringify({ schema: "elsewhere", workspaceId: WS, customerId: "ada" }),
    ]);
    // A write the reader does hear, made after both, tells when their NOTIFYs would have arrived.
    await assignSlot(writer, WS, "marker", { slot: HERO, contentId: "tip", until: null, key: "m1", now: T0 });
    expect(await eventually(async () => (await hero("marker"))?.source === "assignment")).toBe(true);
    const marker = queries();
    expect((await hero("ada"))?.contentId).toBe("onboarding-hero");
    expect(queries()).toBe(marker);
    expect(marker - before).toBeGreaterThan(0);
  });

  it("falls back to the short TTL while its LISTEN connection is lost, and drops everything once it is back", async () => {
    await hero("cy");
    const cut = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`,
      [appName],
    );
    expect(cut.rowCount).toBe(1);
    expect(await eventually(() => !decisionCacheOf(reader).isHearingOthers())).toBe(true);
    await hero("cy");
    // Written while the reader cannot hear: its NOTIFY is lost.
    await assignSlot(writer, WS, "cy", { slot: HERO, contentId: "onboarding-hero", until: null, key: "c1", now: T0 });
    expect(await eventually(() => decisionCacheOf(reader).isHearingOthers())).toBe(true);
    // Back: what was cached while deaf is gone at once (younger than the short TTL, it would be served otherwise).
    expect((await hero("cy"))?.contentId).toBe("onboarding-hero");
  });
});
