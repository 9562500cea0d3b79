import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chiSquareTest } from "@overture/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../src/clock/clock.ts";
import { PermanentError } from "../src/errors.ts";
import type { ChannelHandler } from "../src/outbox/channel.ts";
import { type Overture, openOverture } from "../src/overture.ts";
import { postgresTarget, storesOf } from "./postgres-target.ts";

/** 2025-01-06T09:00:00Z, a Monday. */
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CUSTOMERS = 120;

/** Signup → a 50/50 split into two emails → a day's wait → exit; the goal is a purchase. */
const JOURNEY = {
  schemaVersion: 1,
  name: "Split test",
  settings: { reentry: "never", goal: { name: "Bought", event: "purchase" } },
  steps: [
    { id: "t", type: "trigger", trigger: { type: "event", event: "signup" }, next: "s" },
    {
      id: "s",
      type: "split",
      arms: [
        { id: "a", label: "Short", percent: 50, next: "mail-a" },
        { id: "b", label: "Long", percent: 50, next: "mail-b" },
      ],
    },
    { id: "mail-a", type: "email", subject: "Hi", body: "<mjml><mj-body></mj-body></mjml>", next: "w" },
    { id: "mail-b", type: "email", subject: "Hello", body: "<mjml><mj-body></mj-body></mjml>", next: "w" },
    { id: "w", type: "wait", wait: { type: "duration", duration: "1d" }, next: "done" },
    { id: "done", type: "exit" },
  ],
};

const index = (customerId: string) => Number(customerId.slice(1));
/** Whether customer n buys (a third of them, more in arm b's half of the ids: see the expectations, not assumed). */
const buys = (n: number) => n % 3 === 0 || n % 7 === 0;

/**
 * The email provider's answers by customer: a 5xx refusal (a bounce), a template failure (failed), no consent
 * (skipped), else accepted. A real handler contract, decided by the delivery, as a provider would.
 */
const provider: ChannelHandler = {
  channel: "email",
  async deliver(d) {
    const n = index(d.customerId);
    if (n % 10 === 0)
      throw new PermanentError("smtp_rejected", "SMTP: Can't send mail - all recipients were rejected: 550 5.1.1");
    if (n % 10 === 1) throw new PermanentError("email_render_failed", "email_render_failed: body");
    if (n % 10 === 2) return { status: "skipped", code: "no_consent", reason: "no consent: consent.email is false" };
    return { status: "sent", detail: { to: `${d.customerId}@example.com` } };
  },
};

const pg = await postgresTarget();
afterAll(() => pg.dropAll());

describe.each(storesOf(pg))("reports on %s (issue 14)", (_name, available, target) => {
  let overture: Overture;
  let clock: VirtualClock;
  let dataDir: string;
  let ws: string;
  let journeyId: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-reports-"));
    clock = new VirtualClock(T0);
    overture = await openOverture({ dataDir, clock, channels: [provider], ...(await target()) });
    ws = (await overture.workspaces.ensureDefault()).workspaceId;
    journeyId = (await overture.journeys.create(ws, { name: "Split test", document: JOURNEY })).id;
    await overture.journeys.publish(ws, journeyId);
  });
  afterEach(async () => {
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const ids = Array.from({ length: CUSTOMERS }, (_, n) => `c${n}`);

  async function run(): Promise<void> {
    await overture.engine.runUntilIdle();
    await overture.dispatcher.runUntilIdle();
  }

  /** Everyone signs up at T0; buyers buy 5 hours later; some open their email and read content the next day. */
  async function play(): Promise<{ armOf: Map<string, string>; opened: Map<string, number> }> {
    await overture.events.ingest(
      ws,
      ids.map((id) => ({ name: "signup", customerId: id })),
    );
    await run();
    const rows = await overture.store.outboxOf(ws, {});
    const armOf = new Map(rows.map((r) => [r.customerId, r.stepId === "mail-a" ? "a" : "b"]));
    clock.advance(5 * HOUR);
    await overture.events.ingest(
      ws,
      ids.filter((id) => buys(index(id))).map((id) => ({ name: "purchase", customerId: id })),
    );
    await run();
    clock.advance(DAY);
    const opened = new Map<string, number>();
    const openers = rows.filter((r) => index(r.customerId) % 10 >= 5);
    await overture.events.ingest(
      ws,
      openers.map((r) => {
        opened.set(r.stepId, (opened.get(r.stepId) ?? 0) + 1);
        return {
          id: `email.opened:${r.key}`,
          name: "email.opened",
          customerId: r.customerId,
          properties: { journeyId, stepId: r.stepId, messageKey: r.key },
        };
      }),
    );
    await overture.events.ingest(ws, [
      { name: "content.viewed", customerId: "c1", properties: { contentId: "guide", dwellMs: 4_000 } },
      { name: "content.viewed", customerId: "c2", properties: { contentId: "guide", dwellMs: 6_000 } },
      { name: "content.viewed", customerId: "c3", properties: { contentId: "faq", dwellMs: 1_000 } },
    ]);
    await run();
    return { armOf, opened };
  }

  it.skipIf(!available)(
    "counts entries, conversions, the funnel, message outcomes and arms as they happened",
    async () => {
      const { armOf, opened } = await play();
      const report = await overture.reports.journeyReport(ws, journeyId, { from: T0 - DAY, to: T0 + 3 * DAY });
      const buyers = ids.filter((id) => buys(index(id)));
      expect(report.totals).toEqual({
        entries: CUSTOMERS,
        conversions: buyers.length,
        conversionRate: buyers.length / CUSTOMERS,
        avgTimeToConvertMs: 5 * HOUR,
        completed: CUSTOMERS,
        exited: 0,
      });
      const reached = Object.fromEntries(report.funnel.map((f) => [f.stepId, f.reached]));
      const inArm = (arm: string) => ids.filter((id) => armOf.get(id) === arm);
      expect(reached).toEqual({
        t: CUSTOMERS,
        s: CUSTOMERS,
        "mail-a": inArm("a").length,
        "mail-b": inArm("b").length,
        w: CUSTOMERS,
        done: CUSTOMERS,
      });
      expect(report.funnel.every((f) => f.dropOff === 0)).toBe(true);
      // Customers still waiting have reached the wait and no later step: they count as its drop-off until they move on.
      const early = await overture.reports.journeyReport(ws, journeyId, { from: T0 - DAY, to: T0 + HOUR });
      expect(early.funnel.find((f) => f.stepId === "w")).toMatchObject({ reached: CUSTOMERS, dropOff: CUSTOMERS });

      for (const arm of ["a", "b"]) {
        const customers = inArm(arm);
        const m = report.messages.find((x) => x.stepId === `mail-${arm}`);
        const count = (f: (n: number) => boolean) => customers.filter((id) => f(index(id))).length;
        expect(m).toMatchObject({
          channel: "email",
          sent: count((n) => n % 10 !== 2),
          delivered: count((n) => n % 10 > 2),
          bounced: count((n) => n % 10 === 0),
          failed: count((n) => n % 10 === 1),
          skipped: count((n) => n % 10 === 2),
          skippedByReason: count((n) => n % 10 === 2) > 0 ? { no_consent: count((n) => n % 10 === 2) } : {},
          deferred: 0,
          opened: opened.get(`mail-${arm}`) ?? 0,
          clicked: 0,
        });
        expect(m?.rates.bounced).toBeCloseTo(count((n) => n % 10 === 0) / count((n) => n % 10 !== 2), 12);
      }

      const [split] = report.splits;
      expect(split?.goal).toBe("Bought");
      const arms = ["a", "b"].map((arm) => ({
        armId: arm,
        entered: inArm(arm).length,
        converted: inArm(arm).filter((id) => buys(index(id))).length,
      }));
      expect(split?.arms.map(({ armId, entered, converted }) => ({ armId, entered, converted }))).toEqual(arms);
      const expected = chiSquareTest(arms.map((a) => [a.converted, a.entered - a.converted]));
      expect(split?.significance?.pValue).toBeCloseTo(expected.pValue, 12);
      expect(split?.significance?.significant).toBe(expected.pValue < 0.05);
      const best = split?.significance?.probabilityToBeBest ?? {};
      expect((best.a ?? 0) + (best.b ?? 0)).toBeCloseTo(1, 9);
    },
  );

  it.skipIf(!available)("a range without the events gives zeros; hour, day and week buckets add up alike", async () => {
    await play();
    const empty = await overture.reports.journeyReport(ws, journeyId, { from: T0 + 10 * DAY, to: T0 + 12 * DAY });
    expect(empty.totals).toMatchObject({ entries: 0, conversions: 0, completed: 0, avgTimeToConvertMs: null });
    expect(empty.funnel.every((f) => f.reached === 0)).toBe(true);
    expect(empty.messages.every((m) => m.sent === 0 && m.opened === 0)).toBe(true);
    expect(empty.splits[0]?.arms.every((a) => a.entered === 0 && a.converted === 0)).toBe(true);
    // 09:00 to 09:00 two days later touches three days.
    expect(empty.series.map((p) => p.at)).toEqual([10, 11, 12].map((d) => T0 - 9 * HOUR + d * DAY));

    const range = { from: T0 - 2 * DAY, to: T0 + 5 * DAY };
    const sums = [];
    for (const interval of ["hour", "day", "week"] as const) {
      const r = await overture.reports.journeyReport(ws, journeyId, { ...range, interval });
      sums.push({
        entries: r.series.reduce((a, p) => a + p.entries, 0),
        conversions: r.series.reduce((a, p) => a + p.conversions, 0),
        totals: r.totals.entries,
      });
      if (interval === "hour") {
        expect(r.series).toHaveLength(7 * 24);
        expect(r.series.find((p) => p.at === T0)?.entries).toBe(CUSTOMERS);
        expect(r.series.find((p) => p.at === T0 + 5 * HOUR)?.avgTimeToConvertMs).toBe(5 * HOUR);
      }
      // Weeks start on Monday (UTC): T0 is one.
      if (interval === "week") expect(r.series.map((p) => p.at)).toEqual([T0 - 9 * HOUR - 7 * DAY, T0 - 9 * HOUR]);
    }
    expect(sums[1]).toEqual(sums[0]);
    expect(sums[2]).toEqual(sums[0]);
    expect(sums[0]?.entries).toBe(CUSTOMERS);
  });

  it.skipIf(!available)(
    "the overview: active journeys, messages per channel per day, deliverability, content",
    async () => {
      await play();
      const o = await overture.reports.overview(ws, { from: T0 - DAY, to: T0 + 3 * DAY });
      const buyers = ids.filter((id) => buys(index(id))).length;
      expect(o.activeJourneys).toEqual([
        { journeyId, name: "Split test", entries: CUSTOMERS, conversions: buyers, conversionRate: buyers / CUSTOMERS },
      ]);
      const attempted = ids.filter((id) => index(id) % 10 !== 2).length;
      expect(o.messagesPerDay).toEqual([{ day: T0 - 9 * HOUR, channel: "email", sent: attempted }]);
      expect(o.deliverability).toMatchObject({
        sent: attempted,
        delivered: ids.filter((id) => index(id) % 10 > 2).length,
        bounced: ids.filter((id) => index(id) % 10 === 0).length,
        complaints: 0,
      });
      expect(o.topContent).toEqual([
        { contentId: "guide", title: null, dwellMs: 10_000, views: 2 },
        { contentId: "faq", title: null, dwellMs: 1_000, views: 1 },
      ]);
      expect(o.segments).toEqual([]);
      overture.reports.provide({ segmentSizes: async () => [{ segmentId: "vip", name: "VIP", size: 3 }] });
      expect((await overture.reports.overview(ws)).segments).toEqual([{ segmentId: "vip", name: "VIP", size: 3 }]);
    },
  );

  it.skipIf(!available)("refuses a bad range with the reason and where", async () => {
    const refused = (q: object) => overture.reports.journeyReport(ws, journeyId, q).catch((e: unknown) => e);
    expect(await refused({ from: T0, to: T0 })).toMatchObject({
      code: "invalid_input",
      problems: [{ path: "query.from" }],
    });
    expect(await refused({ from: T0 - 401 * DAY, to: T0 })).toMatchObject({ message: /at most 400 days/ });
    expect(await refused({ from: T0 - 32 * DAY, to: T0, interval: "hour" })).toMatchObject({
      problems: [{ path: "query.interval" }],
    });
    expect(await overture.reports.journeyReport(ws, "nope").catch((e: unknown) => e)).toMatchObject({
      code: "not_found",
    });
  });
});
