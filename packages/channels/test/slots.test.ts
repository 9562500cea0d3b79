import { assignSlot, decideSlots, listSlots, putSlot, upsertContent } from "@overture/channels";
import type { Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0 } from "./portal-stores.ts";

const WS = "ws-slots";
const HOUR = 3_600_000;
const item = (id: string) => ({
  id,
  title: `Title ${id}`,
  summary: "",
  url: `/library/${id}`,
  type: "banner",
  topics: [],
});

describe.each(STORE_TARGETS)("slots on $name", (target) => {
  let db: PortalStore;
  let store: Store;
  beforeAll(async () => {
    if (target.skip) return;
    db = await target.open();
    store = db.store;
    await upsertContent(store, WS, [item("whats-new"), item("onboarding-hero"), item("tip")], T0);
    await putSlot(store, WS, { name: "dashboard.hero", defaultContentId: "whats-new", description: "Top banner" }, T0);
    await putSlot(store, WS, { name: "sidebar.tip", defaultContentId: "tip", description: "" }, T0);
  });
  afterAll(async () => db?.close());

  it.skipIf(target.skip)("lists slots by name; putting a slot again replaces its default", async () => {
    await putSlot(store, WS, { name: "sidebar.tip", defaultContentId: null, description: "Tips" }, T0 + 1);
    expect(await listSlots(store, WS)).toEqual([
      { name: "dashboard.hero", defaultContentId: "whats-new", description: "Top banner", updatedAt: T0 },
      { name: "sidebar.tip", defaultContentId: null, description: "Tips", updatedAt: T0 + 1 },
    ]);
    expect(await listSlots(store, "ws-other")).toEqual([]);
    await putSlot(store, WS, { name: "sidebar.tip", defaultContentId: "tip", description: "" }, T0);
  });

  it.skipIf(target.skip)(
    "shows the customer's assignment until it ends, then the default, with the item inlined",
    async () => {
      await assignSlot(store, WS, "ada", {
        slot: "dashboard.hero",
        contentId: "onboarding-hero",
        until: T0 + 14 * 24 * HOUR,
        key: "k1",
        now: T0,
      });
      const now = await decideSlots(store, WS, "ada", ["dashboard.hero", "sidebar.tip", "footer"], T0 + HOUR);
      expect(now["dashboard.hero"]).toMatchObject({
        source: "assignment",
        contentId: "onboarding-hero",
        until: T0 + 14 * 24 * HOUR,
      });
      expect(now["dashboard.hero"]?.content).toEqual({ ...item("onboarding-hero"), createdAt: T0 });
      expect(now["sidebar.tip"]).toMatchObject({
        source: "default",
        contentId: "tip",
        until: null,
        content: { id: "tip" },
      });
      expect(now.footer).toEqual({ slot: "footer", source: "none", contentId: null, until: null, content: null });
      // Another customer and another workspace see the default.
      expect((await decideSlots(store, WS, "bob", ["dashboard.hero"], T0 + HOUR))["dashboard.hero"]?.contentId).toBe(
        "whats-new",
      );
      expect(
        (await decideSlots(store, "ws-other", "ada", ["dashboard.hero"], T0 + HOUR))["dashboard.hero"]?.source,
      ).toBe("none");
      // At the end time exactly, the assignment is over.
      expect(
        (await decideSlots(store, WS, "ada", ["dashboard.hero"], T0 + 14 * 24 * HOUR))["dashboard.hero"],
      ).toMatchObject({
        source: "default",
        contentId: "whats-new",
      });
    },
  );

  it.skipIf(target.skip)(
    "a later assignment replaces the earlier one; clearing brings the default back; redelivery changes nothing",
    async () => {
      await assignSlot(store, WS, "cy", {
        slot: "sidebar.tip",
        contentId: "whats-new",
        until: null,
        key: "k2",
        now: T0,
      });
      await assignSlot(store, WS, "cy", {
        slot: "sidebar.tip",
        contentId: "onboarding-hero",
        until: null,
        key: "k3",
        now: T0 + 1,
      });
      await assignSlot(store, WS, "cy", {
        slot: "sidebar.tip",
        contentId: "onboarding-hero",
        until: null,
        key: "k3",
        now: T0 + 2,
      });
      expect(
        (await decideSlots(store, WS, "cy", ["sidebar.tip"], T0 + 10 * 365 * 24 * HOUR))["sidebar.tip"],
      ).toMatchObject({
        source: "assignment",
        contentId: "onboarding-hero",
        until: null,
      });
      await assignSlot(store, WS, "cy", { slot: "sidebar.tip", contentId: null, until: null, key: "k4", now: T0 + 3 });
      expect((await decideSlots(store, WS, "cy", ["sidebar.tip"], T0 + 4))["sidebar.tip"]).toMatchObject({
        source: "default",
        contentId: "tip",
      });
    },
  );

  it.skipIf(target.skip)("answers from its cache until this process writes slots, assignments or content", async () => {
    const hero = async () => (await decideSlots(store, WS, "eve", ["dashboard.hero"], T0))["dashboard.hero"];
    expect((await hero())?.content?.title).toBe("Title whats-new");
    // Another host's write (straight to the table) is not seen while the rows are cached…
    await store.sql.run("UPDATE content_items SET title = ? WHERE workspace_id = ? AND id = ?", [
      "Changed elsewhere",
      WS,
      "whats-new",
    ]);
    expect((await hero())?.content?.title).toBe("Title whats-new");
    // …but this process's writes are, at once.
    await upsertContent(store, WS, [{ ...item("whats-new"), title: "Changed here" }], T0);
    expect((await hero())?.content?.title).toBe("Changed here");
    await putSlot(store, WS, { name: "dashboard.hero", defaultContentId: "tip", description: "Top banner" }, T0);
    expect((await hero())?.contentId).toBe("tip");
    await assignSlot(store, WS, "eve", {
      slot: "dashboard.hero",
      contentId: "onboarding-hero",
      until: null,
      key: "k6",
      now: T0,
    });
    expect((await hero())?.contentId).toBe("onboarding-hero");
    await putSlot(store, WS, { name: "dashboard.hero", defaultContentId: "whats-new", description: "Top banner" }, T0);
  });

  it.skipIf(target.skip)(
    "an assignment to an item no longer in the library shows no content but says which id it was",
    async () => {
      await assignSlot(store, WS, "dan", {
        slot: "dashboard.hero",
        contentId: "deleted-item",
        until: null,
        key: "k5",
        now: T0,
      });
      expect((await decideSlots(store, WS, "dan", ["dashboard.hero"], T0))["dashboard.hero"]).toEqual({
        slot: "dashboard.hero",
        source: "assignment",
        contentId: "deleted-item",
        until: null,
        content: null,
      });
    },
  );
});
