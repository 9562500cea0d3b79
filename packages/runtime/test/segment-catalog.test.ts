import type { JourneyDocumentInput, SegmentRule } from "@overture/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VirtualClock } from "../src/clock/clock.ts";
import { InputError } from "../src/errors.ts";
import type { Overture } from "../src/overture.ts";
import { openTestRuntime, publish, T0 } from "./helpers.ts";
import { postgresTarget } from "./postgres-target.ts";

const target = await postgresTarget();
const HOUR = 3_600_000;
const BOUGHT: SegmentRule = { type: "event", event: "purchase.completed" };

/** A journey that starts on entering `segmentId` and leaves when customers leave `exitId`. */
function journeyOn(segmentId: string, exitId: string, id: string): JourneyDocumentInput & { id: string } {
  return {
    id,
    schemaVersion: 1,
    name: `On ${segmentId}`,
    settings: { exitCriteria: [{ leavesSegment: exitId }] },
    steps: [
      { id: "start", type: "trigger", trigger: { type: "segment", segmentId, on: "enter" }, next: "done" },
      { id: "done", type: "exit" },
    ],
  };
}

async function rejection(work: Promise<unknown>): Promise<InputError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

/** Issue 14, "Segments": definitions, uses, deletes, imports, members and sizes, on both stores. */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("the segment catalog on %s", (_name, postgres) => {
  let overture: Overture;
  let clock: VirtualClock;
  let ws: string;
  let cleanup: () => Promise<void>;
  const skip = postgres && !target.available;
  beforeEach(async () => {
    if (skip) return;
    const opened = await openTestRuntime(postgres ? { databaseUrl: await target.schemaUrl() } : {});
    ({ overture, clock, ws, cleanup } = opened);
  });
  afterEach(async () => {
    if (!skip) await cleanup();
  });
  afterAll(() => target.dropAll());

  it.skipIf(skip)("makes ids from names, unique even against deleted segments, and builds dynamic ones", async () => {
    const a = await overture.segments.create(ws, { kind: "dynamic", name: "Bought — once!", rule: BOUGHT });
    expect(a).toMatchObject({ id: "bought-once", status: "building", built: { partitions: 0 }, size: 0, usedBy: [] });
    await overture.segments.delete(ws, a.id);
    const b = await overture.segments.create(ws, { kind: "dynamic", name: "Bought once", rule: BOUGHT });
    expect(b.id).toBe("bought-once-2");
    const s = await overture.segments.create(ws, { kind: "static", name: "VIP list" });
    expect(s).toMatchObject({ id: "vip-list", kind: "static", rule: null, status: "ready" });
    expect((await overture.segments.listSegments(ws)).map((x) => x.id)).toEqual(["bought-once-2", "vip-list"]);
    expect(await overture.segments.workspacesWithSegments()).toEqual([ws]);
  });

  it.skipIf(skip)("raises the version on a rule change only, and a build's progress makes it ready", async () => {
    const a = await overture.segments.create(ws, { kind: "dynamic", name: "Buyers", rule: BOUGHT });
    await overture.segments.markBuilt(ws, a.id, 1, overture.store.partitions);
    expect((await overture.segments.get(ws, a.id)).status).toBe("ready");
    await overture.segments.update(ws, a.id, { kind: "dynamic", name: "All buyers", rule: BOUGHT });
    const [renamed] = await overture.segments.list(ws);
    expect(renamed).toMatchObject({ name: "All buyers", version: 1, builtVersion: 1 });
    const changed = await overture.segments.update(ws, a.id, {
      kind: "dynamic",
      name: "All buyers",
      rule: { ...BOUGHT, count: { op: "gte", value: 2 } },
    });
    expect(changed).toMatchObject({ status: "building", built: { partitions: 0 } });
    // A build still on version 1 writes nothing; version 2's progress shows.
    await overture.segments.markBuilt(ws, a.id, 1, overture.store.partitions);
    await overture.segments.markBuilt(ws, a.id, 2, 3);
    expect((await overture.segments.get(ws, a.id)).built).toEqual({ partitions: 3, of: overture.store.partitions });
    const kind = await rejection(overture.segments.update(ws, a.id, { kind: "static", name: "x" }));
    expect(kind.problems[0]?.path).toBe("kind");
  });

  it.skipIf(skip)("refuses a rule naming an unknown segment or going round, naming the path", async () => {
    const unknown = await rejection(
      overture.segments.create(ws, {
        kind: "dynamic",
        name: "Bad",
        rule: { type: "all", rules: [BOUGHT, { type: "segment", segmentId: "nope" }] },
      }),
    );
    expect(unknown.code).toBe("invalid_input");
    expect(unknown.problems).toEqual([expect.objectContaining({ path: "rule.rules[1].segmentId" })]);
    const a = await overture.segments.create(ws, { kind: "dynamic", name: "A", rule: BOUGHT });
    const b = await overture.segments.create(ws, {
      kind: "dynamic",
      name: "B",
      rule: { type: "segment", segmentId: a.id },
    });
    const cycle = await rejection(
      overture.segments.update(ws, a.id, { kind: "dynamic", name: "A", rule: { type: "segment", segmentId: b.id } }),
    );
    expect(cycle.problems.map((p) => p.code)).toContain("segment-cycle");
  });

  it.skipIf(skip)("lists uses, and refuses deleting a segment a live journey or another segment needs", async () => {
    const entry = await overture.segments.create(ws, { kind: "dynamic", name: "Entry", rule: BOUGHT });
    const leave = await overture.segments.create(ws, { kind: "static", name: "Leave" });
    const parent = await overture.segments.create(ws, {
      kind: "dynamic",
      name: "Parent",
      rule: { type: "segment", segmentId: leave.id },
    });
    const live = await publish(overture, ws, journeyOn(entry.id, leave.id, "live-one"));
    await overture.journeys.create(ws, { name: "Draft", document: journeyOn(entry.id, entry.id, "draft-one") });
    const listed = await overture.segments.get(ws, entry.id);
    expect(listed.usedBy).toEqual(
      expect.arrayContaining([
        { journeyId: live, name: "On " + entry.id, status: "active" },
        { journeyId: "draft-one", name: "Draft", status: "draft" },
      ]),
    );
    const refused = await rejection(overture.segments.delete(ws, entry.id));
    expect(refused.code).toBe("segment_in_use");
    expect(refused.problems).toEqual([
      expect.objectContaining({ stepId: "start", message: expect.stringContaining(live) }),
    ]);
    const refusedLeave = await rejection(overture.segments.delete(ws, leave.id));
    expect(refusedLeave.problems.map((p) => p.message)).toEqual([
      expect.stringContaining("customers leave the journey"),
      expect.stringContaining(parent.id),
    ]);
    // Archived, the journey no longer needs it; a draft never blocks.
    await overture.journeys.archive(ws, live);
    await overture.segments.delete(ws, entry.id);
    expect((await rejection(overture.segments.get(ws, entry.id))).code).toBe("not_found");
    expect((await overture.segments.list(ws)).map((s) => s.id)).not.toContain(entry.id);
  });

  it.skipIf(skip)("imports a static segment: replace and add, new customers created, entries announced", async () => {
    const vip = await overture.segments.create(ws, { kind: "static", name: "VIP" });
    await overture.customers.upsert(ws, { id: "c-1", attributes: { plan: "pro" } });
    const first = await overture.segments.importMembers(ws, vip.id, {
      csv: "customerId,name\nc-1,Ada\nc-2,Bob\n,nobody\nc-3,Cy\n",
      mode: "replace",
    });
    expect(first).toEqual({ imported: 3, size: 3, skipped: [{ line: 4, reason: "no customer id" }] });
    const again = await overture.segments.importMembers(ws, vip.id, { csv: "c-2\nc-4\n", mode: "replace" });
    expect(again).toMatchObject({ imported: 1, size: 2 });
    clock.advance(60_000);
    const added = await overture.segments.importMembers(ws, vip.id, { csv: "c-1\nc-2\n", mode: "add" });
    expect(added).toMatchObject({ imported: 1, size: 3 });
    const page1 = await overture.segments.members(ws, vip.id, { limit: 2 });
    expect(page1).toMatchObject({ total: 3, next: "c-2" });
    expect(page1.members).toEqual([
      { customerId: "c-1", since: T0 + 60_000, attributes: { plan: "pro" } },
      { customerId: "c-2", since: T0, attributes: {} },
    ]);
    const page2 = await overture.segments.members(ws, vip.id, { after: "c-2", limit: 2 });
    expect(page2).toMatchObject({ next: null, members: [{ customerId: "c-4" }] });
    expect((await overture.customers.get(ws, "c-4"))?.attributes).toEqual({});
    // Who entered and left, as events journeys start and exit on.
    const events = async (id: string) => (await overture.store.recentEvents(ws, id, 10)).map((e) => e.name).sort();
    expect(await events("c-1")).toEqual(["$segment.entered", "$segment.entered", "$segment.left"]);
    expect(await events("c-2")).toEqual(["$segment.entered"]);
    const dynamic = await overture.segments.create(ws, { kind: "dynamic", name: "Dyn", rule: BOUGHT });
    expect((await rejection(overture.segments.importMembers(ws, dynamic.id, { csv: "c-1", mode: "add" }))).code).toBe(
      "invalid_state",
    );
  });

  it.skipIf(skip)(
    "is built by the engine, then follows events: size, members and status come from membership",
    async () => {
      const buy = (customerId: string, id: string) => ({ id, name: "purchase.completed", customerId });
      await overture.events.ingest(ws, [
        buy("c-1", "e1"),
        buy("c-2", "e2"),
        { id: "e3", name: "x", customerId: "c-9" },
      ]);
      await overture.engine.runUntilIdle();
      const buyers = await overture.segments.create(ws, { kind: "dynamic", name: "Buyers", rule: BOUGHT });
      expect(buyers.status).toBe("building");
      const builder = overture.engine.segments?.builder;
      while (builder && (await builder.step()) > 0) {}
      expect(await overture.segments.get(ws, buyers.id)).toMatchObject({ status: "ready", size: 2 });
      await overture.events.ingest(ws, [buy("c-3", "e4")]);
      await overture.engine.runUntilIdle();
      const members = await overture.segments.members(ws, buyers.id, { limit: 10 });
      expect(members.members.map((m) => m.customerId)).toEqual(["c-1", "c-2", "c-3"]);
      expect(members.total).toBe(3);
    },
  );

  it.skipIf(skip)(
    "starts a journey on entering a static segment by import, and ends it when a replace leaves it out",
    async () => {
      const vip = await overture.segments.create(ws, { kind: "static", name: "VIP" });
      const waiting = journeyOn(vip.id, vip.id, "vip-welcome");
      waiting.steps = [
        { id: "start", type: "trigger", trigger: { type: "segment", segmentId: vip.id, on: "enter" }, next: "wait" },
        { id: "wait", type: "wait", wait: { type: "duration", duration: "7d" }, next: "done" },
        { id: "done", type: "exit" },
      ];
      await publish(overture, ws, waiting);
      await overture.segments.importMembers(ws, vip.id, { csv: "c-1\nc-2\n", mode: "replace" });
      await overture.engine.runUntilIdle();
      const statusOf = async (id: string) =>
        (await overture.store.instancesOfCustomer(ws, id)).map((i) => [i.journeyId, i.status]);
      expect(await statusOf("c-1")).toEqual([["vip-welcome", "waiting"]]);
      expect(await statusOf("c-3")).toEqual([]);
      clock.advance(60_000);
      await overture.segments.importMembers(ws, vip.id, { csv: "c-2\n", mode: "replace" });
      await overture.engine.runUntilIdle();
      expect(await statusOf("c-1")).toEqual([["vip-welcome", "exited"]]);
      expect(await statusOf("c-2")).toEqual([["vip-welcome", "waiting"]]);
    },
  );

  it.skipIf(skip)("records one size point per hour, idempotently, and reads the history back", async () => {
    const vip = await overture.segments.create(ws, { kind: "static", name: "VIP" });
    expect(await overture.segments.recordSizes(clock.now())).toBe(1);
    expect(await overture.segments.recordSizes(clock.now() + 10 * 60_000)).toBe(0);
    await overture.segments.importMembers(ws, vip.id, { csv: "a\nb\n", mode: "add" });
    clock.advance(HOUR);
    expect(await overture.segments.recordSizes(clock.now())).toBe(1);
    clock.advance(HOUR);
    await overture.segments.recordSizes(clock.now());
    const { sizeHistory, size } = await overture.segments.get(ws, vip.id);
    expect(size).toBe(2);
    const hour = Math.floor(T0 / HOUR) * HOUR;
    expect(sizeHistory).toEqual([
      { at: hour, size: 0 },
      { at: hour + HOUR, size: 2 },
      { at: hour + 2 * HOUR, size: 2 },
    ]);
  });
});
