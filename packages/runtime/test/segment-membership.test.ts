import type { SegmentRule } from "@overture/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSegmentFacts, partitionFactsReader, sqlFactsReader } from "../src/segments/segment-facts-loader.ts";
import { segmentMemberIds, segmentSize } from "../src/segments/segment-membership-sql.ts";
import { DAY, openTestRuntime, publish } from "./helpers.ts";
import { postgresTarget, storesOf } from "./postgres-target.ts";
import { testSegmentDefinitions } from "./segment-test-definitions.ts";

const pg = await postgresTarget();
afterAll(() => pg.dropAll());

const buyers: SegmentRule = { type: "event", event: "purchase.completed" };
const recentAbandoners: SegmentRule = {
  type: "event",
  event: "cart.abandoned",
  window: { type: "within", duration: "7d" },
};
const gold: SegmentRule = { type: "attribute", attribute: "plan", op: "eq", value: "gold" };
const goldBuyers: SegmentRule = { type: "all", rules: [{ type: "segment", segmentId: "buyers" }, gold] };

describe.each(storesOf(pg))("segment membership in the batch path on %s", (_name, available, options) => {
  let t: Awaited<ReturnType<typeof openTestRuntime>>;
  let defs: ReturnType<typeof testSegmentDefinitions>;
  beforeEach(async () => {
    if (!available) return;
    t = await openTestRuntime(await options());
    defs = testSegmentDefinitions(t.overture.store.sql);
    t.overture.engine.useSegments(defs);
  });
  afterEach(async () => {
    if (available) await t.cleanup();
  });

  const send = (customerId: string, name: string) =>
    t.overture.events.ingest(t.ws, [{ name, customerId, at: t.clock.now() }]);
  const run = async () => {
    t.overture.engine.segments?.cache.invalidate();
    await t.overture.engine.runUntilIdle();
  };
  const members = (segmentId: string) => segmentMemberIds(t.overture.store.sql, t.ws, segmentId, "", 100);
  const membershipEvents = async (customerId: string) =>
    (await t.overture.store.recentEvents(t.ws, customerId, 100))
      .filter((e) => e.name.startsWith("$segment."))
      .map((e) => `${e.name}:${e.properties.segmentId}`)
      .sort();

  it.skipIf(!available)("follows events: enters once, with one $segment.entered event", async () => {
    await defs.put(t.ws, "buyers", buyers);
    await send("c1", "purchase.completed");
    await send("c2", "page.viewed");
    await run();
    expect(await members("buyers")).toEqual(["c1"]);
    await send("c1", "purchase.completed");
    await run();
    expect(await members("buyers")).toEqual(["c1"]);
    expect(await membershipEvents("c1")).toEqual(["$segment.entered:buyers"]);
    expect(await membershipEvents("c2")).toEqual([]);
    expect(await segmentSize(t.overture.store.sql, t.ws, "buyers")).toBe(1);
  });

  it.skipIf(!available)("leaves when time passes, through a recheck and no event", async () => {
    await defs.put(t.ws, "abandoners", recentAbandoners);
    await send("c1", "cart.abandoned");
    await run();
    expect(await members("abandoners")).toEqual(["c1"]);
    t.clock.advance(6 * DAY);
    await run();
    expect(await members("abandoners")).toEqual(["c1"]);
    t.clock.advance(DAY + 1);
    await run();
    expect(await members("abandoners")).toEqual([]);
    expect(await membershipEvents("c1")).toEqual(["$segment.entered:abandoners", "$segment.left:abandoners"]);
    expect(await segmentSize(t.overture.store.sql, t.ws, "abandoners")).toBe(0);
    const [left] = await t.overture.store.sql.all<{ n: unknown }>(
      "SELECT count(*) AS n FROM segment_rechecks WHERE workspace_id = ?",
      [t.ws],
    );
    expect(Number(left?.n)).toBe(0);
  });

  it.skipIf(!available)("follows a profile change, and a segment that reads another", async () => {
    await defs.put(t.ws, "buyers", buyers);
    await defs.put(t.ws, "gold-buyers", goldBuyers);
    await send("c1", "purchase.completed");
    await run();
    expect(await members("buyers")).toEqual(["c1"]);
    expect(await members("gold-buyers")).toEqual([]);
    await t.overture.customers.upsert(t.ws, { id: "c1", attributes: { plan: "gold" } });
    await run();
    // Both decided in one pass, the dependent one after the segment it reads.
    expect(await members("gold-buyers")).toEqual(["c1"]);
    await t.overture.customers.upsert(t.ws, { id: "c1", attributes: { plan: "basic" } });
    await run();
    expect(await members("gold-buyers")).toEqual([]);
    expect(await membershipEvents("c1")).toEqual([
      "$segment.entered:buyers",
      "$segment.entered:gold-buyers",
      "$segment.left:gold-buyers",
    ]);
  });

  it.skipIf(!available)("starts a journey on entering a segment and ends it on leaving", async () => {
    await defs.put(t.ws, "abandoners", recentAbandoners);
    await publish(t.overture, t.ws, {
      id: "win-back",
      schemaVersion: 1,
      name: "Win back",
      settings: { reentry: "never", exitCriteria: [{ leavesSegment: "abandoners" }] },
      steps: [
        { id: "start", type: "trigger", trigger: { type: "segment", segmentId: "abandoners", on: "enter" }, next: "w" },
        { id: "w", type: "wait", wait: { type: "duration", duration: "30d" }, next: "done" },
        { id: "done", type: "exit" },
      ],
    });
    await send("c1", "cart.abandoned");
    await run();
    const [entered] = await t.overture.store.instancesOfCustomer(t.ws, "c1");
    expect(entered?.status).toBe("waiting");
    t.clock.advance(8 * DAY);
    await run();
    const [ended] = await t.overture.store.instancesOfCustomer(t.ws, "c1");
    expect(ended?.status).toBe("exited");
  });

  it.skipIf(!available)("a schedule over a segment enters its members only", async () => {
    await defs.put(t.ws, "buyers", buyers);
    await send("c1", "purchase.completed");
    await send("c2", "page.viewed");
    await run();
    await publish(t.overture, t.ws, {
      id: "digest",
      schemaVersion: 1,
      name: "Buyers' digest",
      settings: { reentry: "always" },
      steps: [
        {
          id: "daily",
          type: "trigger",
          trigger: { type: "schedule", every: "1d", audience: { segmentId: "buyers" } },
          next: "done",
        },
        { id: "done", type: "exit" },
      ],
    });
    await run();
    await run();
    expect((await t.overture.store.instancesOfCustomer(t.ws, "c1")).map((i) => i.journeyId)).toEqual(["digest"]);
    expect(await t.overture.store.instancesOfCustomer(t.ws, "c2")).toEqual([]);
  });

  it.skipIf(!available)("a branch arm 'is in segment' reads the membership", async () => {
    await defs.put(t.ws, "buyers", buyers);
    await send("c1", "purchase.completed");
    await run();
    await publish(t.overture, t.ws, {
      id: "welcome",
      schemaVersion: 1,
      name: "Welcome",
      settings: { reentry: "never" },
      steps: [
        { id: "start", type: "trigger", trigger: { type: "event", event: "signed.up" }, next: "which" },
        {
          id: "which",
          type: "branch",
          arms: [{ id: "buyer", label: "Buyers", condition: { type: "segment", segmentId: "buyers" }, next: "b" }],
          else: { label: "Others", next: "o" },
        },
        { id: "b", type: "exit" },
        { id: "o", type: "exit" },
      ],
    });
    await send("c1", "signed.up");
    await send("c2", "signed.up");
    await run();
    const reached = async (customerId: string) =>
      (await t.overture.customers.history(t.ws, customerId)).instances[0]?.transitions.map((x) => x.stepId);
    expect(await reached("c1")).toContain("b");
    expect(await reached("c2")).toContain("o");
  });

  it.skipIf(!available)(
    "loads the same facts through plain SQL (estimates) as in a partition transaction",
    async () => {
      await defs.put(t.ws, "buyers", buyers);
      await t.overture.customers.upsert(t.ws, { id: "c1", attributes: { plan: "gold" } });
      await send("c1", "purchase.completed");
      await send("c1", "portal.login");
      await send("c2", "purchase.completed");
      await run();
      const needs = { attributes: true, events: ["portal.login", "purchase.completed"], journeys: true, segments: [] };
      const plain = await loadSegmentFacts(
        sqlFactsReader(t.overture.store.sql),
        t.ws,
        ["c1", "c2", "c3"],
        needs,
        t.clock.now(),
      );
      const inTx = await t.overture.store.withPartition(0, (tx) =>
        loadSegmentFacts(partitionFactsReader(tx), t.ws, ["c1", "c2", "c3"], needs, t.clock.now()),
      );
      expect(plain).toEqual(inTx);
      expect(plain.get("c1")?.attributes).toEqual({ plan: "gold" });
      expect(plain.get("c1")?.events.map((e) => e.name)).toEqual(["purchase.completed", "portal.login"]);
      expect([...(plain.get("c2")?.segments ?? [])]).toEqual(["buyers"]);
      expect(plain.get("c3")).toEqual({ id: "c3", attributes: {}, events: [], journeys: [], segments: new Set() });
    },
  );
});
