import type { SegmentRule } from "@overture/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Overture } from "../src/overture.ts";
import { ESTIMATE_SAMPLE, scaleUp } from "../src/segments/segment-estimate.ts";
import type { NewEvent } from "../src/store/store.ts";
import { DAY, openTestRuntime, T0 } from "./helpers.ts";
import { postgresTarget } from "./postgres-target.ts";

const target = await postgresTarget();
const CUSTOMERS = 12_000;
/** Bought within the last 30 days, and more than once. */
const RULE: SegmentRule = {
  type: "event",
  event: "purchase.completed",
  count: { op: "gte", value: 2 },
  window: { type: "within", duration: "30d" },
};

/** Customer n bought n % 5 times, every 10 days back from T0 (so 0–3 of them in the last 30 days). */
function purchases(ws: string): { events: NewEvent[]; exact: number } {
  const events: NewEvent[] = [];
  let exact = 0;
  for (let n = 0; n < CUSTOMERS; n++) {
    const times = n % 5;
    let recent = 0;
    for (let k = 0; k < times; k++) {
      const at = T0 - (k * 10 + 1) * DAY;
      if (at > T0 - 30 * DAY) recent++;
      events.push({
        workspaceId: ws,
        id: `p-${n}-${k}`,
        customerId: `c-${String(n).padStart(6, "0")}`,
        name: "purchase.completed",
        properties: {},
        at,
        receivedAt: at,
      });
    }
    // Customers who never bought exist too (a profile without events).
    if (times === 0)
      events.push({
        workspaceId: ws,
        id: `v-${n}`,
        customerId: `c-${String(n).padStart(6, "0")}`,
        name: "page.viewed",
        properties: {},
        at: T0 - DAY,
        receivedAt: T0 - DAY,
      });
    if (recent >= 2) exact++;
  }
  return { events, exact };
}

/** Issue 14, "estimated within a second": a sample's estimate against the exact count, on both stores. */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("segment estimates on %s", (_name, postgres) => {
  let overture: Overture;
  let ws: string;
  let cleanup: () => Promise<void>;
  let exact: number;
  const skip = postgres && !target.available;
  beforeEach(async () => {
    if (skip) return;
    ({ overture, ws, cleanup } = await openTestRuntime(postgres ? { databaseUrl: await target.schemaUrl() } : {}));
    const generated = purchases(ws);
    for (let i = 0; i < generated.events.length; i += 2_000)
      await overture.store.insertEvents(generated.events.slice(i, i + 2_000));
    exact = generated.exact;
  }, 60_000);
  afterEach(async () => {
    if (!skip) await cleanup();
  });
  afterAll(() => target.dropAll());

  it.skipIf(skip)(
    "samples 2,000 of 12,000 customers and lands near the exact count, with a fitting interval",
    async () => {
      const estimate = await overture.segments.estimate(ws, RULE);
      expect(estimate).toMatchObject({ exact: false, sampled: ESTIMATE_SAMPLE, population: CUSTOMERS });
      // The standard error of the count with the finite population correction; 4 of them fail once in 15,000 runs.
      const p = exact / CUSTOMERS;
      const n = ESTIMATE_SAMPLE;
      const se = Math.sqrt((p * (1 - p)) / n) * Math.sqrt((CUSTOMERS - n) / (CUSTOMERS - 1)) * CUSTOMERS;
      expect(Math.abs(estimate.estimate - exact)).toBeLessThan(4 * se);
      expect(estimate.low).toBeLessThanOrEqual(estimate.estimate);
      expect(estimate.high).toBeGreaterThanOrEqual(estimate.estimate);
      // A 95% interval is about ±1.96 standard errors wide.
      expect((estimate.high - estimate.low) / 2).toBeGreaterThan(1.6 * se);
      expect((estimate.high - estimate.low) / 2).toBeLessThan(2.4 * se);
    },
  );

  it.skipIf(skip)("is exact when every customer fits in the sample", async () => {
    const { estimateSegment } = await import("../src/segments/segment-estimate.ts");
    const estimate = await estimateSegment(overture.store, ws, RULE, T0, { sampleSize: CUSTOMERS });
    expect(estimate).toMatchObject({ estimate: exact, low: exact, high: exact, exact: true, sampled: CUSTOMERS });
  });
});

describe("scaleUp", () => {
  it("keeps the interval inside 0..population and around the estimate, even at 0% and 100%", () => {
    expect(scaleUp(0, 5_000, 1_000_000)).toMatchObject({ estimate: 0, low: 0 });
    expect(scaleUp(0, 5_000, 1_000_000).high).toBeGreaterThan(0);
    const all = scaleUp(5_000, 5_000, 1_000_000);
    expect(all).toMatchObject({ estimate: 1_000_000, high: 1_000_000 });
    expect(all.low).toBeLessThan(1_000_000);
    const half = scaleUp(2_500, 5_000, 1_000_000);
    expect(half.estimate).toBe(500_000);
    // ±1.96 × sqrt(0.25 / 5000) ≈ ±1.39 points.
    expect(half.high - half.estimate).toBeGreaterThan(13_000);
    expect(half.high - half.estimate).toBeLessThan(14_500);
  });
});
