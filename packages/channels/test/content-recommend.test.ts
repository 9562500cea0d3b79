import {
  type ContentView,
  enrichContentViews,
  recommend,
  recordContentViews,
  topicLabel,
  upsertContent,
} from "@overture/channels";
import type { IncomingEvent, Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0 } from "./portal-stores.ts";

const WS = "ws-rec";
const item = (id: string, topics: string[], type = "article") => ({
  id,
  title: `Title ${id}`,
  summary: `About ${id}`,
  url: `/library/${id}`,
  type,
  topics,
});

/** A library with known topics, and views by other customers that make some items more popular than others. */
const LIBRARY = [
  item("a1", ["integrations"]),
  item("a2", ["integrations", "automation"]),
  item("a3", ["automation"]),
  item("a4", ["integrations"]),
  item("r1", ["reporting"]),
  item("r2", ["reporting"]),
  item("s1", ["security"]),
  item("g1", ["getting-started"]),
  item("g2", ["getting-started"]),
  item("banner", ["getting-started"], "banner"),
];
/** Views in the whole workspace after the histories below: g2 6, a3 5, s1 4, a1 3, a4 3, a2 2, r1 2, banner 10. */
const CROWD: Record<string, number> = { a1: 2, a2: 1, a3: 4, a4: 3, r1: 1, s1: 4, g2: 6, banner: 10 };

let seq = 0;
const view = (customerId: string, contentId: string, dwellMs: number): ContentView => ({
  eventId: `e${++seq}`,
  customerId,
  contentId,
  dwellMs,
  at: T0,
});

describe.each(STORE_TARGETS)("recommendations on $name", (target) => {
  let db: PortalStore;
  let store: Store;
  beforeAll(async () => {
    if (target.skip) return;
    db = await target.open();
    store = db.store;
    await upsertContent(store, WS, LIBRARY, T0);
    const crowd = Object.entries(CROWD).flatMap(([id, n]) =>
      Array.from({ length: n }, (_, i) => view(`crowd-${i}`, id, 10_000)),
    );
    await recordContentViews(store, WS, [
      ...crowd,
      // ada: 300 s on integrations, 100 s on reporting.
      view("ada", "a1", 300_000),
      view("ada", "r1", 100_000),
      // dan: automation 250 s (a2 counts for both of its topics), integrations 200 s.
      view("dan", "a2", 200_000),
      view("dan", "a3", 50_000),
    ]);
  });
  afterAll(async () => db?.close());

  it.skipIf(target.skip)(
    "ranks the most engaged topic first, popular items first within it, seen items left out, then popular ones",
    async () => {
      const result = await recommend(store, WS, "ada", { count: 5 });
      expect(result.basedOn).toBe("engagement");
      expect(result.topics).toEqual(["integrations", "reporting"]);
      expect(result.items.map((i) => [i.id, i.reason])).toEqual([
        ["a4", "because you spent time on Integrations"],
        ["a2", "because you spent time on Integrations"],
        ["r2", "because you spent time on Reporting"],
        ["g2", "popular with other customers"],
        ["a3", "popular with other customers"],
      ]);
      expect(result.items[0]).toEqual({
        id: "a4",
        title: "Title a4",
        summary: "About a4",
        url: "/library/a4",
        topics: ["integrations"],
        reason: expect.any(String),
      });
    },
  );

  it.skipIf(target.skip)(
    "weights an item's dwell time to each of its topics; a topic with nothing left unseen gives way to the next",
    async () => {
      const result = await recommend(store, WS, "dan", { count: 4 });
      expect(result.topics).toEqual(["automation", "integrations"]);
      expect(result.items.map((i) => i.id)).toEqual(["a1", "a4", "g2", "s1"]);
    },
  );

  it.skipIf(target.skip)(
    "falls back to the given topics in their order, then to the most viewed items, for a customer without history",
    async () => {
      const result = await recommend(store, WS, "bob", { count: 4, topics: ["getting-started", "security"] });
      expect(result.basedOn).toBe("fallback");
      expect(result.topics).toEqual(["getting-started", "security"]);
      expect(result.items.map((i) => [i.id, i.reason])).toEqual([
        ["g2", "a good start in Getting started"],
        ["g1", "a good start in Getting started"],
        ["s1", "a good start in Security"],
        ["a3", "popular with other customers"],
      ]);
    },
  );

  it.skipIf(target.skip)(
    "without history nor fallback topics, gives the most viewed items (ties by id), never banners",
    async () => {
      const result = await recommend(store, WS, "cy", { count: 6 });
      expect(result.items.map((i) => i.id)).toEqual(["g2", "a3", "s1", "a1", "a4", "a2"]);
      expect((await recommend(store, "ws-empty", "cy", { count: 3 })).items).toEqual([]);
    },
  );

  it.skipIf(target.skip)(
    "enriches content.viewed events with the item's topics and records each view once",
    async () => {
      const events: IncomingEvent[] = [
        { id: "v-1", name: "content.viewed", customerId: "eve", properties: { contentId: "s1", dwellMs: 90_000 } },
        { name: "content.viewed", customerId: "eve", properties: { contentId: "a3", dwellMs: 1000, topics: ["own"] } },
        { name: "content.viewed", customerId: "eve", properties: { contentId: "unknown", dwellMs: 1000 } },
        { name: "portal.login", customerId: "eve" },
      ];
      const out = await enrichContentViews(store, WS, events, T0);
      expect(out[0]).toEqual({ ...events[0], properties: { contentId: "s1", dwellMs: 90_000, topics: ["security"] } });
      expect(out[1]?.properties).toEqual({ contentId: "a3", dwellMs: 1000, topics: ["own"] });
      expect(out[1]?.id).toEqual(expect.any(String));
      expect(out[2]?.properties).toEqual({ contentId: "unknown", dwellMs: 1000 });
      expect(out[3]).toBe(events[3]);
      // Sent again (a retry with the same id): still one view of s1.
      await enrichContentViews(store, WS, [events[0] as IncomingEvent], T0);
      const result = await recommend(store, WS, "eve", { count: 20 });
      expect(result.topics).toEqual(["security", "automation"]);
      expect(result.items.map((i) => i.id)).not.toContain("s1");
      const popular = await recommend(store, WS, "nobody", { count: 3 });
      expect(popular.items.map((i) => i.id)).toEqual(["a3", "g2", "s1"]);
    },
  );
});

describe("topicLabel", () => {
  it("turns a topic id into words a customer reads", () => {
    expect(topicLabel("getting-started")).toBe("Getting started");
    expect(topicLabel("integrations")).toBe("Integrations");
  });
});
