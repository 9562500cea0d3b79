import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.ts";
import { partitionOf } from "../src/store/partition.ts";
import { json } from "../src/store/rows.ts";
import type { RedriveFilter, Store } from "../src/store/store.ts";
import {
  customersIn,
  event,
  instance,
  journey,
  outboxRow,
  putInstances,
  T0,
  transition,
  version,
  WS,
  wakeUp,
  writeBatch,
} from "./store-contract-fixtures.ts";

/** A store opened for one test, with a way to read tables the port has no reader for (deliveries). */
export type StoreUnderTest = {
  store: Store;
  cleanup(): Promise<void>;
  select(sql: string): Promise<Array<Record<string, unknown>>>;
};

/**
 * The store contract: every behaviour the engine and the services rely on, run on each store
 * (model: hono's src/router/common.case.test.ts). `makeStore` opens a fresh, empty, unmigrated store.
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: Store;
    let firstMigration: { applied: string[] };
    beforeEach(async () => {
      t = await makeStore();
      store = t.store;
      firstMigration = await store.migrate();
      await store.insertWorkspace({ id: WS, name: "Workspace", createdAt: T0 });
    });
    afterEach(() => t.cleanup());

    it("migrates once: a second migrate applies nothing", async () => {
      expect(firstMigration.applied[0]).toBe("0001_initial");
      expect(await store.migrate()).toEqual({ applied: [] });
    });

    it("keeps workspaces and API keys", async () => {
      expect(await store.getWorkspace(WS)).toEqual({ id: WS, name: "Workspace" });
      expect(await store.getWorkspace("nope")).toBeNull();
      await store.insertApiKey({ workspaceId: WS, keyHash: "h1", kind: "secret", createdAt: T0 });
      await store.insertApiKey({ workspaceId: WS, keyHash: "h2", kind: "write", createdAt: T0 });
      expect(await store.findApiKey("h2")).toEqual({ workspaceId: WS, kind: "write" });
      expect(await store.findApiKey("h3")).toBeNull();
      await expect(store.insertWorkspace({ id: WS, name: "Again", createdAt: T0 })).rejects.toThrow();
    });

    it("inserts, refuses a taken id, updates and lists journeys", async () => {
      await store.insertJourney(journey("b", { createdAt: T0 + 1 }));
      await store.insertJourney(journey("a", { createdAt: T0 + 1, draft: null }));
      await store.insertJourney(journey("z"));
      const conflict = await store.insertJourney(journey("a")).catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(InputError);
      expect((conflict as InputError).code).toBe("conflict");
      expect(await store.getJourney(WS, "a")).toEqual(journey("a", { createdAt: T0 + 1, draft: null }));
      await store.updateJourney(
        journey("b", {
          name: "Renamed",
          status: "active",
          currentVersion: 2,
          draft: { x: [1] },
          createdAt: T0 + 1,
          updatedAt: T0 + 9,
        }),
      );
      expect(await store.getJourney(WS, "b")).toMatchObject({
        name: "Renamed",
        status: "active",
        currentVersion: 2,
        draft: { x: [1] },
        updatedAt: T0 + 9,
      });
      expect((await store.listJourneys(WS)).map((j) => j.id)).toEqual(["z", "a", "b"]);
      expect(await store.listJourneys("other")).toEqual([]);
      expect(await store.getJourney(WS, "missing")).toBeNull();
    });

    it("keeps a journey's tags and owner, empty by default (issue 15)", async () => {
      await store.insertJourney(journey("t", { tags: ["Billing", "Q3 renewals"], owner: "ana@example.com" }));
      expect(await store.getJourney(WS, "t")).toMatchObject({
        tags: ["Billing", "Q3 renewals"],
        owner: "ana@example.com",
      });
      await store.updateJourney({ ...journey("t"), tags: ["Onboarding"], owner: "" });
      expect(await store.getJourney(WS, "t")).toMatchObject({ tags: ["Onboarding"], owner: "" });
      await store.insertJourney(journey("u"));
      expect((await store.listJourneys(WS)).map((j) => [j.id, j.tags, j.owner])).toEqual([
        ["t", ["Onboarding"], ""],
        ["u", [], ""],
      ]);
    });

    it("keeps immutable versions and lists the live journeys", async () => {
      await store.insertJourney(journey("j1", { status: "active", currentVersion: 2 }));
      await store.insertJourney(journey("j2", { status: "paused", currentVersion: 1 }));
      await store.insertJourney(journey("j3", { status: "draft" }));
      await store.insertJourney(journey("j4", { status: "archived", currentVersion: 1 }));
      await store.insertVersion(WS, version("j1", 2));
      await store.insertVersion(WS, version("j1", 1));
      await expect(store.insertVersion(WS, version("j1", 1))).rejects.toThrow();
      expect(await store.getVersion(WS, "j1", 2)).toEqual(version("j1", 2));
      expect(await store.getVersion(WS, "j1", 3)).toBeNull();
      expect((await store.listVersions(WS, "j1")).map((v) => v.version)).toEqual([1, 2]);
      const live = await store.liveJourneys();
      expect(live.sort((a, b) => a.journeyId.localeCompare(b.journeyId))).toEqual([
        { workspaceId: WS, journeyId: "j1", status: "active", currentVersion: 2 },
        { workspaceId: WS, journeyId: "j2", status: "paused", currentVersion: 1 },
      ]);
    });

    it("merges customer attributes on upsert, keeping the creation time", async () => {
      await store.upsertCustomers(WS, [{ id: "c1", attributes: { a: 1, b: 1 } }], T0);
      await store.upsertCustomers(
        WS,
        [
          { id: "c1", attributes: { b: 2, c: { deep: [1, "x"] } } },
          { id: "c2", attributes: {} },
          { id: "c1", attributes: { d: true } },
        ],
        T0 + 5,
      );
      expect(await store.getCustomer(WS, "c1")).toEqual({
        id: "c1",
        attributes: { a: 1, b: 2, c: { deep: [1, "x"] }, d: true },
        createdAt: T0,
        updatedAt: T0 + 5,
      });
      expect(await store.getCustomer(WS, "c2")).toEqual({
        id: "c2",
        attributes: {},
        createdAt: T0 + 5,
        updatedAt: T0 + 5,
      });
      expect(await store.getCustomer("other", "c1")).toBeNull();
      // Many at once (the dispatcher's batches, issue 16): those of the workspace that exist, each once.
      const many = await store.getCustomers(WS, ["c2", "nobody", "c1", "c2"]);
      expect(many.map((c) => c.id).sort()).toEqual(["c1", "c2"]);
      expect(many.find((c) => c.id === "c1")).toEqual(await store.getCustomer(WS, "c1"));
      expect(await store.getCustomers("other", ["c1"])).toEqual([]);
      expect(await store.getCustomers(WS, [])).toEqual([]);
    });

    it("accepts an event id once and creates the customers events name", async () => {
      await store.upsertCustomers(WS, [{ id: "known", attributes: { plan: "pro" } }], T0);
      const batch = [
        event("e1", "new", "purchase.completed", T0 + 10, { total: 12.5 }),
        event("e2", "known", "portal.login", T0 + 11),
        event("e1", "new", "dup", T0 + 12),
      ];
      expect(await store.insertEvents(batch)).toBe(2);
      expect(
        await store.insertEvents([event("e2", "known", "portal.login", T0 + 11), event("e3", "known", "x", T0 + 13)]),
      ).toBe(1);
      expect(await store.insertEvents([])).toBe(0);
      expect(await store.pendingEventCount()).toBe(3);
      expect(await store.getCustomer(WS, "new")).toEqual({
        id: "new",
        attributes: {},
        createdAt: T0 + 10,
        updatedAt: T0 + 10,
      });
      expect((await store.getCustomer(WS, "known"))?.attributes).toEqual({ plan: "pro" });
      expect(await store.recentEvents(WS, "new", 10)).toEqual([
        { id: "e1", name: "purchase.completed", customerId: "new", properties: { total: 12.5 }, at: T0 + 10 },
      ]);
      const p = partitionOf(WS, "known");
      const pending = await store.withPartition(p, (tx) => tx.pendingEvents(T0 + 100, 10));
      expect(pending?.map((e) => [e.id, e.workspaceId, e.customerId, e.receivedAt])).toEqual([
        ["e2", WS, "known", T0 + 11],
        ["e3", WS, "known", T0 + 13],
      ]);
    });

    it("reads pending events of its partition only, due ones, oldest first, up to the limit", async () => {
      const [a, b] = customersIn(3, 2);
      const [other] = customersIn(4, 1);
      await store.insertEvents([
        event("late", a!, "x", T0 + 50),
        event("first", b!, "x", T0 + 10),
        event("second", a!, "x", T0 + 10),
        event("elsewhere", other!, "x", T0),
        event("future", b!, "x", T0 + 1_000),
      ]);
      const read = (now: number, limit: number) =>
        store.withPartition(3, async (tx) => (await tx.pendingEvents(now, limit)).map((e) => e.id));
      expect(await read(T0 + 100, 10)).toEqual(["first", "second", "late"]);
      expect(await read(T0 + 100, 2)).toEqual(["first", "second"]);
      expect(await read(T0 + 10, 10)).toEqual(["first", "second"]);
      const seqs = await store.withPartition(3, async (tx) => (await tx.pendingEvents(T0 + 100, 2)).map((e) => e.seq));
      await writeBatch(store, 3, { processedEvents: seqs ?? [] });
      expect(await read(T0 + 2_000, 10)).toEqual(["late", "future"]);
      expect(await store.pendingEventCount()).toBe(3);
    });

    it("writes a batch and reads it back: instances, history, outbox, profiles, processed events", async () => {
      const [c1, c2] = customersIn(5, 2);
      await store.insertEvents([
        event("e1", c1!, "purchase.completed", T0),
        event("e2", c2!, "purchase.completed", T0),
      ]);
      await store.upsertCustomers(WS, [{ id: c1!, attributes: { a: 1, gone: "x" } }], T0);
      const seqs = (await store.withPartition(5, (tx) => tx.pendingEvents(T0, 10)))!.map((e) => e.seq);
      const i1 = instance(c1!);
      const i2 = instance(c2!, { status: "completed", waiting: null, stepId: "done", exitReason: "done" });
      const newcomer = "never-seen";
      await writeBatch(store, 5, {
        instances: [
          { workspaceId: WS, instance: i1 },
          { workspaceId: WS, instance: i2 },
        ],
        history: [
          wakeUp(i1, T0, ["purchase", "next"], ["welcome-email", "next"]),
          wakeUp(i2, T0, ["done", "done", "complete"]),
        ],
        outbox: [outboxRow(i1, "welcome-email"), outboxRow(i2, "welcome-email", { channel: "notification" })],
        profileUpdates: [
          { workspaceId: WS, customerId: c1!, set: { b: 2, gone: "y" }, unset: [], at: T0 + 1 },
          { workspaceId: WS, customerId: c1!, set: { c: 3 }, unset: ["gone", "a"], at: T0 + 2 },
          { workspaceId: WS, customerId: c1!, set: { a: "back" }, unset: ["c"], at: T0 + 3 },
          { workspaceId: WS, customerId: newcomer, set: { first: true }, unset: ["nothing"], at: T0 + 4 },
        ],
        processedEvents: seqs,
      });
      expect(await store.getInstance(WS, i1.id)).toEqual(i1);
      expect(await store.getInstance(WS, i2.id)).toEqual(i2);
      expect(await store.instancesOfCustomer(WS, c1!)).toEqual([i1]);
      const history = await store.transitionsOfInstances(WS, [i1.id, i2.id]);
      expect(history.map((h) => `${h.instanceId === i1.id ? 1 : 2}:${h.stepId}:${h.kind}`)).toEqual([
        "1:purchase:step",
        "1:welcome-email:step",
        "2:done:complete",
      ]);
      expect(history[0]).toEqual(transition(i1, "purchase", "next", T0));
      const outbox = await store.outboxOf(WS, {});
      expect(outbox.map((o) => [o.key, o.status, o.attempts, o.lastError])).toEqual([
        [outboxRow(i1, "welcome-email").key, "pending", 0, null],
        [outboxRow(i2, "welcome-email").key, "pending", 0, null],
      ]);
      expect(outbox[0]).toMatchObject({ ...outboxRow(i1, "welcome-email"), seq: expect.any(Number) });
      expect(await store.outboxOf(WS, { customerId: c2!, status: "pending" })).toHaveLength(1);
      expect(await store.outboxOf(WS, { status: "sent" })).toEqual([]);
      expect((await store.getCustomer(WS, c1!))?.attributes).toEqual({ a: "back", b: 2 });
      expect((await store.getCustomer(WS, c1!))?.updatedAt).toBe(T0 + 3);
      expect(await store.getCustomer(WS, newcomer)).toEqual({
        id: newcomer,
        attributes: { first: true },
        createdAt: T0 + 4,
        updatedAt: T0 + 4,
      });
      expect(await store.pendingEventCount()).toBe(0);

      // A replayed batch: the instance is updated in place, the outbox row keeps its first payload.
      const moved = {
        ...i1,
        stepId: "wait-2d",
        seq: 4,
        waiting: { type: "time" as const, until: T0 + 9_000 },
        updatedAt: T0 + 5,
      };
      await writeBatch(store, 5, {
        instances: [{ workspaceId: WS, instance: moved }],
        outbox: [outboxRow(i1, "welcome-email", { payload: { changed: true } })],
      });
      expect(await store.getInstance(WS, i1.id)).toEqual(moved);
      expect((await store.outboxOf(WS, {})).map((o) => o.payload)).toEqual([
        outboxRow(i1, "welcome-email").payload,
        outboxRow(i2, "welcome-email").payload,
      ]);

      // A key twice in one batch: stored once, with the first payload.
      const twice = outboxRow(i1, "follow-up", { payload: { n: 1 } });
      await writeBatch(store, 5, { outbox: [twice, { ...twice, payload: { n: 2 } }] });
      expect((await store.outboxOf(WS, {})).filter((o) => o.key === twice.key).map((o) => o.payload)).toEqual([
        { n: 1 },
      ]);
    });

    it("rolls a failed batch back and rethrows", async () => {
      const [c1] = customersIn(6, 1);
      const failed = store.withPartition(6, async (tx) => {
        await tx.write({
          instances: [{ workspaceId: WS, instance: instance(c1!) }],
          history: [],
          outbox: [],
          profileUpdates: [],
          processedEvents: [],
        });
        throw new Error("boom");
      });
      await expect(failed).rejects.toThrow("boom");
      expect(await store.getInstance(WS, instance(c1!).id)).toBeNull();
      await writeBatch(store, 6, { instances: [{ workspaceId: WS, instance: instance(c1!) }] });
      expect(await store.getInstance(WS, instance(c1!).id)).not.toBeNull();
    });

    it("returns due instances of its partition, earliest first, up to the limit", async () => {
      const [a, b, c, d] = customersIn(7, 4);
      const [other] = customersIn(8, 1);
      await putInstances(store, [
        instance(a!, { waiting: { type: "time", until: T0 + 30 } }),
        instance(b!, { waiting: { type: "event", events: ["portal.login"], until: T0 + 10 } }),
        instance(c!, { waiting: { type: "time", until: T0 + 20 } }),
        instance(d!, { status: "active", waiting: null }),
        instance(other!, { waiting: { type: "time", until: T0 } }),
      ]);
      const due = (now: number, limit: number) =>
        store.withPartition(7, async (tx) => (await tx.dueInstances(now, limit)).map((s) => s.instance.customerId));
      expect(await due(T0 + 100, 10)).toEqual([b, c, a]);
      expect(await due(T0 + 100, 2)).toEqual([b, c]);
      expect(await due(T0 + 20, 10)).toEqual([b, c]);
      expect(await due(T0 + 9, 10)).toEqual([]);
      const [first] = (await store.withPartition(7, (tx) => tx.dueInstances(T0 + 10, 1)))!;
      expect(first).toEqual({
        workspaceId: WS,
        instance: instance(b!, { waiting: { type: "event", events: ["portal.login"], until: T0 + 10 } }),
      });
    });

    it("finds live instances and entry figures of customers", async () => {
      const [a, b, c] = customersIn(9, 3);
      await putInstances(store, [
        instance(a!, { id: "j1:a:1", entry: 1, status: "completed", waiting: null, enteredAt: T0 }),
        instance(a!, { id: "j1:a:2", entry: 2, status: "waiting", enteredAt: T0 + 50 }),
        instance(a!, { id: "j2:a:1", journeyId: "j2", status: "active", waiting: null, enteredAt: T0 + 5 }),
        instance(b!, { id: "j1:b:1", status: "exited", waiting: null, enteredAt: T0 + 7 }),
        instance(c!, { id: "j3:c:1", journeyId: "j3", status: "waiting", enteredAt: T0 + 1 }),
      ]);
      const result = await store.withPartition(9, async (tx) => ({
        live: (await tx.liveInstancesOf(WS, [a!, b!])).map((s) => s.instance.id).sort(),
        none: await tx.liveInstancesOf(WS, []),
        stats: (await tx.entryStats(WS, [a!, b!, c!], ["j1", "j2"])).sort((x, y) =>
          `${x.customerId}${x.journeyId}`.localeCompare(`${y.customerId}${y.journeyId}`),
        ),
        noJourneys: await tx.entryStats(WS, [a!], []),
        otherWorkspace: await tx.liveInstancesOf("other", [a!]),
      }));
      expect(result?.live).toEqual(["j1:a:2", "j2:a:1"]);
      expect(result?.none).toEqual([]);
      expect(result?.noJourneys).toEqual([]);
      expect(result?.otherWorkspace).toEqual([]);
      expect(result?.stats).toEqual(
        [
          { customerId: a!, journeyId: "j1", count: 2, lastEnteredAt: T0 + 50, active: true },
          { customerId: a!, journeyId: "j2", count: 1, lastEnteredAt: T0 + 5, active: true },
          { customerId: b!, journeyId: "j1", count: 1, lastEnteredAt: T0 + 7, active: false },
        ].sort((x, y) => `${x.customerId}${x.journeyId}`.localeCompare(`${y.customerId}${y.journeyId}`)),
      );
    });

    it("reads customer attributes and a customer's latest events, oldest first", async () => {
      const [a, b] = customersIn(10, 2);
      await store.upsertCustomers(WS, [{ id: a!, attributes: { plan: "pro" } }], T0);
      await store.insertEvents([
        event("v1", a!, "content.viewed", T0 + 1, { topic: "billing" }),
        event("l1", a!, "portal.login", T0 + 2),
        event("v2", a!, "content.viewed", T0 + 3, { topic: "api" }),
        event("v3", a!, "content.viewed", T0 + 3, { topic: "sso" }),
        event("o1", a!, "other", T0 + 4),
        event("v4", b!, "content.viewed", T0 + 5),
      ]);
      const read = await store.withPartition(10, async (tx) => ({
        attributes: await tx.customerAttributes(WS, [a!, "ghost"]),
        all: (await tx.customerEvents(WS, [a!], ["content.viewed", "portal.login"], 10)).get(a!)?.map((e) => e.id),
        latest: (await tx.customerEvents(WS, [a!], ["content.viewed"], 2)).get(a!)?.map((e) => e.id),
        none: await tx.customerEvents(WS, [a!], [], 10),
        first: (await tx.customerEvents(WS, [a!], ["content.viewed"], 1)).get(a!)?.[0],
        several: [...(await tx.customerEvents(WS, [b!, a!, "ghost"], ["content.viewed"], 2))].map(([id, events]) => [
          id,
          events.map((e) => e.id),
        ]),
      }));
      expect(read?.attributes).toEqual(
        new Map([
          [a!, { plan: "pro" }],
          ["ghost", {}],
        ]),
      );
      expect(read?.all).toEqual(["v1", "l1", "v2", "v3"]);
      expect(read?.latest).toEqual(["v2", "v3"]);
      expect(read?.none).toEqual(new Map([[a!, []]]));
      // Several customers in one call: each gets its own latest events, and one without any an empty list.
      expect(read?.several).toEqual([
        [b!, ["v4"]],
        [a!, ["v2", "v3"]],
        ["ghost", []],
      ]);
      expect(read?.first).toEqual({
        id: "v3",
        name: "content.viewed",
        customerId: a!,
        properties: { topic: "sso" },
        at: T0 + 3,
      });
      expect((await store.recentEvents(WS, a!, 2)).map((e) => e.id)).toEqual(["v3", "o1"]);
    });

    it("samples a workspace's newest events and its customers' attributes for the catalog, and nothing of another workspace", async () => {
      const [a, b] = customersIn(12, 2);
      await store.insertWorkspace({ id: "ws-other", name: "Other", createdAt: T0 });
      await store.upsertCustomers(WS, [{ id: a!, attributes: { plan: "pro" } }], T0);
      await store.upsertCustomers("ws-other", [{ id: b!, attributes: { secret: true } }], T0);
      await store.insertEvents([
        event("c1", a!, "purchase.completed", T0 + 1, { product: "pro" }),
        event("c2", a!, "portal.login", T0 + 2),
        event("c3", a!, "content.viewed", T0 + 3, { topic: "api" }),
        { ...event("c4", b!, "other.workspace", T0 + 4), workspaceId: "ws-other" },
      ]);
      const sample = await store.catalogSample(WS, { events: 2, customers: 10 });
      expect(sample.events).toEqual([
        { name: "content.viewed", properties: { topic: "api" } },
        { name: "portal.login", properties: {} },
      ]);
      expect(sample.attributes).toEqual([{ plan: "pro" }]);
    });

    it("counts instances and outcomes per step", async () => {
      const [a, b, c] = customersIn(11, 3);
      const ia = instance(a!, { stepId: "wait-1d" });
      const ib = instance(b!, { stepId: "wait-1d", version: 2, id: "j1:b:1" });
      const ic = instance(c!, { status: "completed", waiting: null, stepId: "done", converted: true });
      await putInstances(store, [ia, ib, ic]);
      await writeBatch(store, 11, {
        history: [
          wakeUp(ia, T0, ["purchase", "next"]),
          wakeUp(ib, T0, ["purchase", "next"]),
          wakeUp(
            ic,
            T0,
            ["purchase", "next"],
            ["branch", "arm-a"],
            ["wait-1d", "waiting"],
            ["goal", "converted", "goal"],
          ),
          // A second goal of the same instance: it converts once.
          wakeUp(ic, T0 + 1, ["goal", "converted", "goal"], ["done", "done", "complete"]),
        ],
      });
      const all = await store.stepCounts(WS, "j1");
      expect(all).toMatchObject({ entered: 3, active: 2, completed: 1, exited: 0, converted: 1 });
      expect(all.steps).toEqual([
        { stepId: "branch", waiting: 0, passed: 1, exited: 0, converted: 0, outcomes: { "arm-a": 1 } },
        { stepId: "done", waiting: 0, passed: 0, exited: 1, converted: 0, outcomes: {} },
        { stepId: "goal", waiting: 0, passed: 0, exited: 0, converted: 2, outcomes: {} },
        { stepId: "purchase", waiting: 0, passed: 3, exited: 0, converted: 0, outcomes: { next: 3 } },
        { stepId: "wait-1d", waiting: 2, passed: 0, exited: 0, converted: 0, outcomes: {} },
      ]);
      const v2 = await store.stepCounts(WS, "j1", 2);
      expect(v2).toMatchObject({ entered: 1, active: 1, completed: 0, converted: 0 });
      expect(v2.steps.map((s) => [s.stepId, s.waiting, s.passed])).toEqual([
        ["purchase", 0, 1],
        ["wait-1d", 1, 0],
      ]);
      expect(await store.stepCounts(WS, "nothing")).toEqual({
        steps: [],
        entered: 0,
        active: 0,
        completed: 0,
        exited: 0,
        converted: 0,
      });
    });

    it("pages through the live instances at a step by id", async () => {
      const ids = ["c-b", "c-A", "c-a", "c-10", "c-9", "c_x"];
      await putInstances(store, [
        ...ids.map((c) => instance(c, { stepId: "wait-2d" })),
        instance("c-done", { stepId: "wait-2d", status: "exited", waiting: null }),
      ]);
      const sorted = ids.map((c) => instance(c).id).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      const page1 = await store.instancesAtStep(WS, "j1", "wait-2d", 4);
      const page2 = await store.instancesAtStep(WS, "j1", "wait-2d", 4, page1.at(-1)?.id);
      expect(page1.map((i) => i.id)).toEqual(sorted.slice(0, 4));
      expect(page2.map((i) => i.id)).toEqual(sorted.slice(4));
      expect(await store.instancesAtStep(WS, "j1", "other", 4)).toEqual([]);
    });

    it("suspends and restores a journey's timers; nextWakeAt and partitionsWithWork follow", async () => {
      const [a] = customersIn(12, 1);
      const [b] = customersIn(13, 1);
      expect(await store.nextWakeAt()).toBeNull();
      expect(await store.partitionsWithWork(T0 + 10_000)).toEqual([]);
      await putInstances(store, [
        instance(a!, { waiting: { type: "time", until: T0 + 500 } }),
        instance(b!, { id: "j2:b:1", journeyId: "j2", waiting: { type: "time", until: T0 + 900 } }),
      ]);
      expect(await store.nextWakeAt()).toBe(T0 + 500);
      expect(await store.partitionsWithWork(T0 + 499)).toEqual([]);
      expect(await store.partitionsWithWork(T0 + 900)).toEqual([12, 13]);
      await store.suspendTimers(WS, "j1");
      expect(await store.nextWakeAt()).toBe(T0 + 900);
      expect(await store.partitionsWithWork(T0 + 900)).toEqual([13]);
      expect(await store.withPartition(12, (tx) => tx.dueInstances(T0 + 10_000, 10))).toEqual([]);
      expect((await store.getInstance(WS, instance(a!).id))?.waiting).toEqual({ type: "time", until: T0 + 500 });
      await store.restoreTimers(WS, "j1");
      expect(await store.nextWakeAt()).toBe(T0 + 500);
      await store.insertEvents([event("e1", b!, "x", T0 + 100)]);
      expect(await store.nextWakeAt()).toBe(T0 + 100);
      expect(await store.partitionsWithWork(T0 + 100)).toEqual([13]);
    });

    it("exits every live instance of a journey on archive", async () => {
      const [a, b, c] = customersIn(14, 3);
      const live = instance(a!);
      const active = instance(b!, { status: "active", waiting: null, stepId: null });
      const done = instance(c!, { status: "completed", waiting: null, stepId: "done", exitReason: null });
      const otherJourney = instance(a!, { id: "j2:a:1", journeyId: "j2" });
      await putInstances(store, [live, active, done, otherJourney]);
      expect(await store.exitAll(WS, "j1", "journey archived", T0 + 99)).toBe(2);
      expect(await store.getInstance(WS, live.id)).toEqual({
        ...live,
        status: "exited",
        waiting: null,
        exitReason: "journey archived",
        updatedAt: T0 + 99,
      });
      expect(await store.getInstance(WS, active.id)).toMatchObject({
        status: "exited",
        stepId: null,
        exitReason: "journey archived",
      });
      expect(await store.getInstance(WS, done.id)).toEqual(done);
      expect(await store.getInstance(WS, otherJourney.id)).toEqual(otherJourney);
      const facts = await store.transitionsOfInstances(WS, [live.id, active.id, done.id]);
      expect(facts.map((f) => [f.instanceId, f.stepId, f.kind, f.outcome, f.reason, f.at]).sort()).toEqual(
        [
          [live.id, "wait-1d", "exit", "exited", "journey archived", T0 + 99],
          [active.id, "", "exit", "exited", "journey archived", T0 + 99],
        ].sort(),
      );
      expect(await store.nextWakeAt()).toBe(otherJourney.waiting?.until);
      expect(await store.exitAll(WS, "j1", "again", T0 + 100)).toBe(0);
    });

    it("leases outbox rows: a claimed row is not claimed again until its lease runs out", async () => {
      const [a] = customersIn(15, 1);
      const i = instance(a!);
      await writeBatch(store, 15, {
        outbox: [
          outboxRow(i, "s1", { nextAttemptAt: T0 + 20 }),
          outboxRow(i, "s2", { nextAttemptAt: T0 + 10 }),
          outboxRow(i, "s3", { nextAttemptAt: T0 + 10 }),
          outboxRow(i, "later", { nextAttemptAt: T0 + 2_000 }),
        ],
      });
      const first = await store.claimOutbox(T0 + 100, 2, 1_000);
      expect(first.map((r) => [r.stepId, r.status, r.attempts])).toEqual([
        ["s2", "sending", 1],
        ["s3", "sending", 1],
      ]);
      expect((await store.claimOutbox(T0 + 100, 10, 1_000)).map((r) => r.stepId)).toEqual(["s1"]);
      expect(await store.claimOutbox(T0 + 1_099, 10, 1_000)).toEqual([]);
      const again = await store.claimOutbox(T0 + 1_100, 10, 1_000);
      // Returned in outbox order (seq), whatever order they were due in.
      expect(again.map((r) => [r.stepId, r.attempts])).toEqual([
        ["s1", 2],
        ["s2", 2],
        ["s3", 2],
      ]);
      expect((await store.claimOutbox(T0 + 2_000, 10, 1_000)).map((r) => r.stepId)).toEqual(["later"]);
      expect((await store.claimOutbox(T0 + 2_100, 10, 1_000)).map((r) => r.stepId)).toEqual(["s1", "s2", "s3"]);
    });

    it("claims one lane's channels: only these, or all but these, in due order", async () => {
      const [a] = customersIn(14, 1);
      const i = instance(a!);
      await writeBatch(store, 14, {
        outbox: [
          outboxRow(i, "mail-1", { channel: "email", nextAttemptAt: T0 + 1 }),
          outboxRow(i, "note-1", { channel: "notification", nextAttemptAt: T0 + 3 }),
          outboxRow(i, "mail-2", { channel: "email", nextAttemptAt: T0 + 2 }),
          outboxRow(i, "hook-1", { channel: "webhook", nextAttemptAt: T0 + 4 }),
          outboxRow(i, "note-2", { channel: "notification", nextAttemptAt: T0 + 500 }),
        ],
      });
      const steps = (rows: { stepId: string }[]) => rows.map((r) => r.stepId);
      expect(steps(await store.claimOutbox(T0 + 100, 10, 60_000, { channels: { only: ["notification"] } }))).toEqual([
        "note-1",
      ]);
      expect(
        steps(await store.claimOutbox(T0 + 100, 1, 60_000, { channels: { except: ["notification", "webhook"] } })),
      ).toEqual(["mail-1"]);
      expect(steps(await store.claimOutbox(T0 + 100, 10, 60_000, { channels: { except: ["email"] } }))).toEqual([
        "hook-1",
      ]);
      expect(steps(await store.claimOutbox(T0 + 100, 10, 60_000, { channels: { only: ["email", "sms"] } }))).toEqual([
        "mail-2",
      ]);
      expect(await store.claimOutbox(T0 + 100, 10, 60_000, { channels: { only: ["notification"] } })).toEqual([]);
      expect(steps(await store.claimOutbox(T0 + 600, 10, 60_000, { channels: { except: [] } }))).toEqual(["note-2"]);
    });

    it("completes outbox rows: sent, retried later, dead, with delivery facts", async () => {
      const [a] = customersIn(0, 1);
      const i = instance(a!);
      await writeBatch(store, 0, {
        outbox: [
          outboxRow(i, "ok"),
          outboxRow(i, "retry"),
          outboxRow(i, "dead", { channel: "webhook" }),
          outboxRow(i, "quiet"),
        ],
      });
      const [ok, retry, dead, quiet] = await store.claimOutbox(T0, 10, 60_000);
      await store.completeOutbox([
        { seq: ok!.seq, status: "sent", at: T0 + 1, detail: { messageId: "m1" } },
        { seq: retry!.seq, status: "pending", nextAttemptAt: T0 + 500, error: "timed out" },
        { seq: dead!.seq, status: "dead", at: T0 + 2, error: "rejected" },
        { seq: quiet!.seq, status: "sent", at: T0 + 3, detail: null },
      ]);
      await store.completeOutbox([]);
      const rows = await store.outboxOf(WS, {});
      expect(rows.map((r) => [r.stepId, r.status, r.attempts, r.lastError, r.nextAttemptAt])).toEqual([
        ["ok", "sent", 1, null, T0],
        ["retry", "pending", 1, "timed out", T0 + 500],
        ["dead", "dead", 1, "rejected", T0],
        ["quiet", "sent", 1, null, T0],
      ]);
      expect(await store.claimOutbox(T0 + 499, 10, 60_000)).toEqual([]);
      const retried = await store.claimOutbox(T0 + 500, 10, 60_000);
      expect(retried.map((r) => [r.stepId, r.attempts, r.lastError])).toEqual([["retry", 2, "timed out"]]);
      const facts = await t.select(
        "SELECT outbox_key, channel, customer_id, status, detail, at FROM deliveries ORDER BY seq",
      );
      expect(facts.map((f) => ({ ...f, detail: json(f.detail), at: Number(f.at) }))).toEqual([
        {
          outbox_key: ok!.key,
          channel: "email",
          customer_id: a,
          status: "sent",
          detail: { messageId: "m1" },
          at: T0 + 1,
        },
        {
          outbox_key: dead!.key,
          channel: "webhook",
          customer_id: a,
          status: "dead",
          detail: { error: "rejected" },
          at: T0 + 2,
        },
        { outbox_key: quiet!.key, channel: "email", customer_id: a, status: "sent", detail: null, at: T0 + 3 },
      ]);
    });

    it("completes outbox rows deferred (attempt given back) and skipped (with its reason and a skipped fact)", async () => {
      const [a] = customersIn(0, 1);
      const i = instance(a!);
      await writeBatch(store, 0, { outbox: [outboxRow(i, "later"), outboxRow(i, "capped")] });
      const [later, capped] = await store.claimOutbox(T0, 10, 60_000);
      await store.completeOutbox([
        { seq: later!.seq, status: "deferred", nextAttemptAt: T0 + 3_600_000, reason: "quiet hours" },
        { seq: capped!.seq, status: "skipped", at: T0 + 1, reason: "frequency cap: 3 email per 7d" },
      ]);
      const rows = await store.outboxOf(WS, {});
      expect(rows.map((r) => [r.stepId, r.status, r.attempts, r.lastError, r.nextAttemptAt])).toEqual([
        ["later", "pending", 0, "quiet hours", T0 + 3_600_000],
        ["capped", "skipped", 1, "frequency cap: 3 email per 7d", T0],
      ]);
      expect(await store.outboxOf(WS, { status: "skipped" })).toHaveLength(1);
      expect(await store.claimOutbox(T0 + 3_599_999, 10, 60_000)).toEqual([]);
      expect((await store.claimOutbox(T0 + 3_600_000, 10, 60_000)).map((r) => [r.stepId, r.attempts])).toEqual([
        ["later", 1],
      ]);
      const facts = await t.select("SELECT outbox_key, status, detail, at FROM deliveries ORDER BY seq");
      expect(facts.map((f) => ({ ...f, detail: json(f.detail), at: Number(f.at) }))).toEqual([
        { outbox_key: capped!.key, status: "skipped", detail: { reason: "frequency cap: 3 email per 7d" }, at: T0 + 1 },
      ]);
    });

    it("quarantines a row whose lease ran out too often (issue 12, finding 2): dead with its reason, never handed out again", async () => {
      const [a] = customersIn(3, 1);
      const i = instance(a!);
      await writeBatch(store, 3, { outbox: [outboxRow(i, "poison"), outboxRow(i, "fine")] });
      const lease = 1_000;
      // Each claim of the poison row "kills the process": its lease simply runs out.
      const first = await store.claimOutbox(T0, 10, lease);
      expect(first.map((r) => [r.stepId, r.attempts, r.crashes, r.firstAttemptAt])).toEqual([
        ["poison", 1, 0, T0],
        ["fine", 1, 0, T0],
      ]);
      await store.completeOutbox([{ seq: first[1]!.seq, status: "sent", at: T0, detail: null }]);
      const second = await store.claimOutbox(T0 + lease, 10, lease);
      expect(second.map((r) => [r.stepId, r.attempts, r.crashes, r.firstAttemptAt])).toEqual([["poison", 2, 1, T0]]);
      expect((await store.claimOutbox(T0 + 2 * lease, 10, lease)).map((r) => [r.attempts, r.crashes])).toEqual([
        [3, 2],
      ]);
      // The third time its lease runs out it is not handed out: quarantined, with a delivery fact.
      expect(await store.claimOutbox(T0 + 3 * lease, 10, lease)).toEqual([]);
      const [poison] = await store.outboxOf(WS, { status: "dead" });
      expect(poison).toMatchObject({
        stepId: "poison",
        status: "dead",
        crashes: 3,
        lastError: "delivery crashed or hung 3 times; quarantined",
      });
      expect(await store.claimOutbox(T0 + 100 * lease, 10, lease)).toEqual([]);
      // A dispatcher that was only slow and finishes late does not bring it back.
      await store.completeOutbox([{ seq: poison!.seq, status: "pending", nextAttemptAt: T0, error: "late" }]);
      expect((await store.outboxOf(WS, { status: "dead" })).map((r) => r.lastError)).toEqual([
        "delivery crashed or hung 3 times; quarantined",
      ]);
      const facts = await t.select("SELECT outbox_key, status, detail, at FROM deliveries WHERE status = 'dead'");
      expect(facts.map((f) => ({ ...f, detail: json(f.detail), at: Number(f.at) }))).toEqual([
        {
          outbox_key: poison!.key,
          status: "dead",
          detail: { error: "delivery crashed or hung 3 times; quarantined" },
          at: T0 + 3 * lease,
        },
      ]);
    });

    it("quarantines after maxCrashes claims that ran out, as asked", async () => {
      const [a] = customersIn(3, 1);
      await writeBatch(store, 3, { outbox: [outboxRow(instance(a!), "poison")] });
      await store.claimOutbox(T0, 10, 1_000, { maxCrashes: 1 });
      expect(await store.claimOutbox(T0 + 1_000, 10, 1_000, { maxCrashes: 1 })).toEqual([]);
      expect((await store.outboxOf(WS, {})).map((r) => [r.status, r.lastError])).toEqual([
        ["dead", "delivery crashed or hung 1 times; quarantined"],
      ]);
    });

    it("keeps a row's retry window: started by its first attempt, given back with an attempt, moved on by a held wait", async () => {
      const [a] = customersIn(4, 1);
      const i = instance(a!);
      await writeBatch(store, 4, { outbox: [outboxRow(i, "quiet"), outboxRow(i, "failing")] });
      const [quiet, failing] = await store.claimOutbox(T0 + 5, 10, 60_000);
      await store.completeOutbox([
        { seq: quiet!.seq, status: "deferred", nextAttemptAt: T0 + 100, reason: "quiet hours" },
        { seq: failing!.seq, status: "pending", nextAttemptAt: T0 + 100, error: "SMTP down" },
      ]);
      // A deferred first attempt is no attempt: the window has not started.
      expect((await store.outboxOf(WS, {})).map((r) => [r.stepId, r.attempts, r.firstAttemptAt])).toEqual([
        ["quiet", 0, null],
        ["failing", 1, T0 + 5],
      ]);
      const again = await store.claimOutbox(T0 + 100, 10, 60_000);
      expect(again.map((r) => [r.stepId, r.attempts, r.firstAttemptAt])).toEqual([
        ["quiet", 1, T0 + 100],
        ["failing", 2, T0 + 5],
      ]);
      // An open circuit holds the failing row for 1000 ms without spending its window.
      await store.completeOutbox([
        {
          seq: again[1]!.seq,
          status: "deferred",
          nextAttemptAt: T0 + 1_100,
          reason: "circuit open",
          holdWindowMs: 1_000,
        },
      ]);
      const [, held] = await store.outboxOf(WS, {});
      expect([held!.attempts, held!.firstAttemptAt, held!.nextAttemptAt]).toEqual([1, T0 + 1_005, T0 + 1_100]);
    });

    it("re-drives dead letters by filter (issue 12, finding 6): a dry run counts, a re-drive resets attempts and window", async () => {
      const [a, b] = customersIn(6, 2);
      const [ia, ib] = [instance(a!), instance(b!, { journeyId: "j2" })];
      await writeBatch(store, 6, {
        outbox: [
          outboxRow(ia, "welcome"),
          outboxRow(ia, "hook", { channel: "webhook" }),
          outboxRow(ib, "welcome"),
          outboxRow(ib, "tips"),
          outboxRow(ib, "sent-ok"),
        ],
      });
      const claimed = await store.claimOutbox(T0, 10, 60_000);
      const [welcomeA, hookA, welcomeB, tipsB, okB] = claimed;
      await store.completeOutbox([
        { seq: welcomeA!.seq, status: "dead", at: T0 + 10, error: "SMTP: connect ECONNREFUSED 127.0.0.1:2525" },
        { seq: hookA!.seq, status: "dead", at: T0 + 20, error: "webhook_rejected: 100%_sure 404" },
        { seq: welcomeB!.seq, status: "dead", at: T0 + 30, error: "SMTP: Connection timeout" },
        { seq: tipsB!.seq, status: "dead", at: T0 + 40, error: "smtp: ECONNREFUSED" },
        { seq: okB!.seq, status: "sent", at: T0, detail: null },
      ]);
      const redrive = (filter: RedriveFilter, dryRun = true) =>
        store.redriveOutbox({ workspaceId: WS, ...filter }, T0 + 1_000, { dryRun });
      expect(await redrive({})).toBe(4);
      expect(await redrive({ channel: "webhook" })).toBe(1);
      expect(await redrive({ journeyId: "j2" })).toBe(2);
      expect(await redrive({ stepId: "welcome" })).toBe(2);
      expect(await redrive({ customerId: a! })).toBe(2);
      expect(await redrive({ errorContains: "econnrefused" })).toBe(2);
      expect(await redrive({ errorContains: "100%_" })).toBe(1);
      expect(await redrive({ errorContains: "0%x" })).toBe(0);
      expect(await redrive({ deadSince: T0 + 20, deadUntil: T0 + 40 })).toBe(2);
      expect(await redrive({ limit: 3 })).toBe(3);
      expect(await redrive({ seq: okB!.seq })).toBe(0);
      expect(await store.redriveOutbox({ workspaceId: "other" }, T0, { dryRun: true })).toBe(0);
      expect(await store.redriveOutbox({}, T0, { dryRun: true })).toBe(4);
      // Nothing moved yet.
      expect(await store.outboxOf(WS, { status: "dead" })).toHaveLength(4);

      expect(await redrive({ errorContains: "ECONNREFUSED", limit: 1 }, false)).toBe(1);
      const rows = await store.outboxOf(WS, {});
      expect(rows.map((r) => [r.stepId, r.status, r.attempts, r.firstAttemptAt, r.crashes, r.nextAttemptAt])).toEqual([
        ["welcome", "pending", 0, null, 0, T0 + 1_000],
        ["hook", "dead", 1, T0, 0, T0],
        ["welcome", "dead", 1, T0, 0, T0],
        ["tips", "dead", 1, T0, 0, T0],
        ["sent-ok", "sent", 1, T0, 0, T0],
      ]);
      // Its last error stays until the next attempt; it is due again, and counts as dead no more.
      expect(rows[0]!.lastError).toBe("SMTP: connect ECONNREFUSED 127.0.0.1:2525");
      expect(
        (await store.claimOutbox(T0 + 1_000, 10, 60_000)).map((r) => [r.stepId, r.attempts, r.firstAttemptAt]),
      ).toEqual([["welcome", 1, T0 + 1_000]]);
      expect(await redrive({ deadSince: T0 + 35 }, false)).toBe(1);
      expect(await redrive({}, false)).toBe(2);
      expect(await store.outboxOf(WS, { status: "dead" })).toEqual([]);
    });

    it("counts each step's delivery outcomes by reason and lists a step's deliveries (issue 15, defect 4)", async () => {
      const cs = customersIn(7, 7);
      const [c0, c1, c2, c3, c4, c5, c6] = cs.map((c) => instance(c));
      const later = instance(cs[0]!, { id: `j1:${cs[0]}:2`, version: 2 });
      const otherJourney = instance(cs[1]!, { id: `j2:${cs[1]}:1`, journeyId: "j2" });
      await writeBatch(store, 7, {
        outbox: [
          ...[c0, c1, c2, c3, c4, c5].map((i) => outboxRow(i!, "welcome")),
          outboxRow(c6!, "welcome", { nextAttemptAt: T0 + 60_000 }),
          ...[c0, c1, c2].map((i) => outboxRow(i!, "hook", { channel: "webhook" })),
          outboxRow(later, "welcome"),
          outboxRow(otherJourney, "welcome"),
        ],
      });
      const claimed = await store.claimOutbox(T0, 20, 60_000);
      const seqOf = (i: typeof c0, stepId: string) =>
        claimed.find((r) => r.instanceId === i!.id && r.stepId === stepId)!.seq;
      await store.completeOutbox([
        { seq: seqOf(c0, "welcome"), status: "sent", at: T0, detail: null },
        {
          seq: seqOf(c1, "welcome"),
          status: "dead",
          at: T0,
          error: `no_email_address: customer ${cs[1]} has no email attribute`,
        },
        {
          seq: seqOf(c2, "welcome"),
          status: "dead",
          at: T0,
          error: `no_email_address: customer ${cs[2]} has no email attribute`,
        },
        {
          seq: seqOf(c3, "welcome"),
          status: "skipped",
          at: T0,
          reason: "no consent: the customer's consent.email is false",
        },
        {
          seq: seqOf(c4, "welcome"),
          status: "deferred",
          nextAttemptAt: T0 + 9_000,
          reason: "quiet hours 22:00–08:00 UTC: held until later",
        },
        {
          seq: seqOf(c5, "welcome"),
          status: "pending",
          nextAttemptAt: T0 + 9_000,
          error: "SMTP: connect ECONNREFUSED 127.0.0.1:2525",
        },
        { seq: seqOf(c0, "hook"), status: "pending", nextAttemptAt: T0 + 9_000, error: "webhook_failed: HTTP 503" },
        {
          seq: seqOf(c1, "hook"),
          status: "deferred",
          nextAttemptAt: T0 + 9_000,
          reason: "circuit open: webhook ws1/crm failed 5 times in a row",
          holdWindowMs: 9_000,
        },
        { seq: seqOf(later, "welcome"), status: "sent", at: T0, detail: null },
        { seq: seqOf(otherJourney, "welcome"), status: "dead", at: T0, error: "no_email_address: someone else" },
      ]);
      // The hook of c2 stays claimed: sending.
      const v1 = await store.deliveryOutcomes(WS, "j1", 1);
      expect(v1).toEqual([
        {
          stepId: "hook",
          channel: "webhook",
          total: 3,
          sent: 0,
          sending: 1,
          queued: 0,
          deferred: 0,
          retrying: 2,
          skipped: 0,
          dead: 0,
          reasons: { deferred: {}, retrying: { webhook_failed: 1, circuit_open: 1 }, skipped: {}, dead: {} },
        },
        {
          stepId: "welcome",
          channel: "email",
          total: 7,
          sent: 1,
          sending: 0,
          queued: 1,
          deferred: 1,
          retrying: 1,
          skipped: 1,
          dead: 2,
          reasons: {
            deferred: { quiet_hours: 1 },
            retrying: { other: 1 },
            skipped: { no_consent: 1 },
            dead: { no_email_address: 2 },
          },
        },
      ]);
      const all = await store.deliveryOutcomes(WS, "j1");
      expect(all.find((s) => s.stepId === "welcome")).toMatchObject({ total: 8, sent: 2, dead: 2 });
      expect(await store.deliveryOutcomes("other", "j1")).toEqual([]);

      const list = (filter: Partial<Parameters<Store["deliveriesOfStep"]>[1]>) =>
        store.deliveriesOfStep(WS, { journeyId: "j1", stepId: "welcome", version: 1, limit: 50, ...filter });
      const dead = await list({ outcome: "dead" });
      expect(dead.map((d) => [d.customerId, d.outcome, d.reason, d.attempts])).toEqual([
        [cs[2], "dead", "no_email_address", 1],
        [cs[1], "dead", "no_email_address", 1],
      ]);
      expect(dead[0]!.lastError).toBe(`no_email_address: customer ${cs[2]} has no email attribute`);
      expect(dead[0]).not.toHaveProperty("payload");
      expect((await list({})).map((d) => d.outcome)).toEqual([
        "queued",
        "retrying",
        "deferred",
        "skipped",
        "dead",
        "dead",
        "sent",
      ]);
      for (const outcome of ["queued", "deferred", "retrying", "skipped", "sent"] as const)
        expect((await list({ outcome })).map((d) => d.outcome)).toEqual([outcome]);
      expect((await list({ stepId: "hook", outcome: "retrying" })).map((d) => d.reason)).toEqual([
        "circuit_open",
        "webhook_failed",
      ]);
      expect((await list({ stepId: "hook", outcome: "sending" })).map((d) => d.customerId)).toEqual([cs[2]]);
      expect((await list({ limit: 2 })).map((d) => d.customerId)).toEqual([cs[6], cs[5]]);
      expect((await list({ before: seqOf(c2, "welcome") })).map((d) => d.customerId)).toEqual([cs[1], cs[0]]);
      expect(await list({ version: 2 })).toHaveLength(1);

      // A re-driven dead letter is queued again (its last error kept until the next attempt), no longer dead.
      await store.redriveOutbox({ workspaceId: WS, seq: seqOf(c1, "welcome") }, T0 + 1_000);
      expect((await store.deliveryOutcomes(WS, "j1", 1)).find((s) => s.stepId === "welcome")).toMatchObject({
        queued: 2,
        dead: 1,
        reasons: { dead: { no_email_address: 1 } },
      });
      expect((await list({ outcome: "queued" })).map((d) => [d.customerId, d.reason])).toEqual([
        [cs[6], null],
        [cs[1], "no_email_address"],
      ]);
    });

    it("runs plain SQL for features with their own tables: migrations once, ? placeholders, JSON, rollback", async () => {
      const migration = {
        id: "test_feature_0001",
        sqlite:
          "CREATE TABLE feature_items (workspace_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (workspace_id, id))",
        postgres:
          "CREATE TABLE feature_items (workspace_id text NOT NULL, id text NOT NULL, data jsonb NOT NULL, PRIMARY KEY (workspace_id, id))",
      };
      expect(await store.sql.migrate([migration])).toEqual(["test_feature_0001"]);
      expect(await store.sql.migrate([migration])).toEqual([]);
      expect(
        await store.sql.run("INSERT INTO feature_items (workspace_id, id, data) VALUES (?, ?, ?)", [
          WS,
          "a",
          JSON.stringify({ n: 1, text: "it's ?" }),
        ]),
      ).toBe(1);
      await expect(
        store.sql.transaction(async (tx) => {
          await tx.run("INSERT INTO feature_items (workspace_id, id, data) VALUES (?, ?, ?)", [WS, "b", "{}"]);
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      const rows = await store.sql.all<{ id: string; data: unknown }>(
        "SELECT id, data FROM feature_items WHERE workspace_id = ? AND id <> '?' ORDER BY id",
        [WS],
      );
      expect(rows.map((r) => ({ id: r.id, data: json(r.data) }))).toEqual([
        { id: "a", data: { n: 1, text: "it's ?" } },
      ]);
    });
  });
}
