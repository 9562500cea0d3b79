import type { SegmentRule } from "@overture/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { SegmentBuilder } from "../src/segments/segment-build.ts";
import { segmentMemberIds, segmentSize } from "../src/segments/segment-membership-sql.ts";
import { DAY, openTestRuntime } from "./helpers.ts";
import { postgresTarget, storesOf } from "./postgres-target.ts";
import { testSegmentDefinitions } from "./segment-test-definitions.ts";

const pg = await postgresTarget();
afterAll(() => pg.dropAll());

/** Bought, and no portal login within 3 days of the last purchase; or a gold plan with at least two cart abandons. */
const rule: SegmentRule = {
  type: "any",
  rules: [
    {
      type: "all",
      rules: [
        { type: "event", event: "purchase.completed" },
        {
          type: "not",
          rule: { type: "portal-login", window: { type: "after-event", event: "purchase.completed", within: "3d" } },
        },
      ],
    },
    {
      type: "all",
      rules: [
        { type: "attribute", attribute: "plan", op: "eq", value: "gold" },
        { type: "event", event: "cart.abandoned", count: { op: "gte", value: 2 } },
      ],
    },
  ],
};

const NAMES = ["purchase.completed", "portal.login", "cart.abandoned", "page.viewed"];

/** A small deterministic generator (mulberry32): the same customers and events on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(storesOf(pg))("segment builds on %s", (_name, available, options) => {
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

  const members = (segmentId: string) => segmentMemberIds(t.overture.store.sql, t.ws, segmentId, "", 10_000);
  const run = async () => {
    t.overture.engine.segments?.cache.invalidate();
    await t.overture.engine.runUntilIdle();
  };

  /** Random customers living through ten days of random events, the incremental segment kept by the batch path. */
  async function liveTenDays(seed: number): Promise<void> {
    const next = random(seed);
    for (let c = 0; c < 60; c++)
      if (next() < 0.4) await t.overture.customers.upsert(t.ws, { id: `c${c}`, attributes: { plan: "gold" } });
    for (let day = 0; day < 10; day++) {
      const events = Array.from({ length: 40 }, () => ({
        name: NAMES[Math.floor(next() * NAMES.length)]!,
        customerId: `c${Math.floor(next() * 60)}`,
        at: t.clock.now(),
      }));
      await t.overture.events.ingest(t.ws, events);
      await run();
      t.clock.advance(DAY / 2 + Math.floor(next() * DAY));
      await run();
    }
  }

  it.skipIf(!available)("builds the same members as the batch path kept, for every customer", async () => {
    await defs.put(t.ws, "incremental", rule);
    await liveTenDays(7);
    const kept = await members("incremental");
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.length).toBeLessThan(60);
    await defs.put(t.ws, "built", rule, { built: false });
    await t.overture.engine.segments?.builder.buildAll();
    expect(await members("built")).toEqual(kept);
    expect(await segmentSize(t.overture.store.sql, t.ws, "built")).toBe(kept.length);
    // A build announces nothing: nobody "entered" the new segment.
    const announced = await t.overture.store.sql.all<{ properties: unknown }>(
      "SELECT properties FROM events WHERE workspace_id = ? AND name = '$segment.entered'",
      [t.ws],
    );
    const of = (p: unknown) => (typeof p === "string" ? JSON.parse(p) : p) as { segmentId: string };
    expect(announced.filter((e) => of(e.properties).segmentId === "built")).toEqual([]);
    expect(announced.length).toBeGreaterThan(0);
  });

  it.skipIf(!available)("a killed build resumes at the partition it had reached", async () => {
    await defs.put(t.ws, "incremental", rule);
    await liveTenDays(11);
    await defs.put(t.ws, "built", rule, { built: false });
    // A partition at a time (the path a busy engine leaves a build to), so there is a middle to die in.
    const first = new SegmentBuilder(t.overture.store, defs, t.clock, { atOnce: false });
    expect(await first.step()).toBe(1);
    expect(await first.step()).toBe(1);
    const [row] = await defs.list(t.ws).then((list) => list.filter((d) => d.id === "built"));
    expect(row?.builtPartitions).toBe(2);
    expect(row?.builtVersion).toBe(0);
    // The process dies here; another one takes over the build from the definitions' progress.
    const second = new SegmentBuilder(t.overture.store, defs, t.clock, { atOnce: false });
    await second.buildAll();
    const [done] = await defs.list(t.ws).then((list) => list.filter((d) => d.id === "built"));
    expect(done?.builtVersion).toBe(done?.version);
    expect(await members("built")).toEqual(await members("incremental"));
  });
});
