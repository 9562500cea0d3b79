import {
  createContent,
  deleteContent,
  getContent,
  listContent,
  parseContentFeed,
  upsertContent,
} from "@overture/channels";
import type { Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0 } from "./portal-stores.ts";

const item = (id: string, topics: string[], title = `Title ${id}`) => ({
  id,
  title,
  summary: `About ${id}`,
  url: `/library/${id}`,
  type: "article",
  topics,
});

describe.each(STORE_TARGETS)("content library on $name", (target) => {
  let db: PortalStore;
  let store: Store;
  beforeAll(async () => {
    if (target.skip) return;
    db = await target.open();
    store = db.store;
  });
  afterAll(async () => db?.close());

  it.skipIf(target.skip)("creates, reads, replaces and deletes items, scoped by workspace", async () => {
    const created = await createContent(
      store,
      "ws-a",
      { ...item("sso", ["security"]), body: "Steps", imageUrl: "/sso.png" },
      T0,
    );
    expect(created).toEqual({ ...item("sso", ["security"]), body: "Steps", imageUrl: "/sso.png", createdAt: T0 });
    expect(await getContent(store, "ws-a", "sso")).toEqual(created);
    expect(await getContent(store, "ws-b", "sso")).toBeNull();
    await expect(createContent(store, "ws-a", item("sso", []), T0)).rejects.toMatchObject({ code: "conflict" });

    await upsertContent(store, "ws-a", [item("sso", ["security", "best-practices"], "Single sign-on")], T0 + 1000);
    const replaced = await getContent(store, "ws-a", "sso");
    // Replacing keeps the creation time and drops the optional fields not sent again.
    expect(replaced).toEqual({ ...item("sso", ["security", "best-practices"], "Single sign-on"), createdAt: T0 });

    await expect(deleteContent(store, "ws-b", "sso")).rejects.toMatchObject({ code: "not_found" });
    await deleteContent(store, "ws-a", "sso");
    expect(await getContent(store, "ws-a", "sso")).toBeNull();
  });

  it.skipIf(target.skip)("lists newest first, by topic and by search text in title, summary or topics", async () => {
    await createContent(store, "ws-list", item("crm", ["integrations"], "Connect your CRM"), T0);
    await createContent(store, "ws-list", item("hooks", ["integrations", "automation"], "Webhooks 101"), T0 + 1);
    await createContent(store, "ws-list", item("report", ["reporting"], "Weekly report"), T0 + 2);
    expect((await listContent(store, "ws-list")).map((i) => i.id)).toEqual(["report", "hooks", "crm"]);
    expect((await listContent(store, "ws-list", { topic: "integrations" })).map((i) => i.id)).toEqual(["hooks", "crm"]);
    expect((await listContent(store, "ws-list", { search: "WEBHOOK" })).map((i) => i.id)).toEqual(["hooks"]);
    expect(
      (await listContent(store, "ws-list", { search: "automation", topic: "integrations" })).map((i) => i.id),
    ).toEqual(["hooks"]);
    expect(await listContent(store, "ws-other")).toEqual([]);
  });

  it.skipIf(target.skip)("upserts a feed by id and counts what it created and updated", async () => {
    expect(await upsertContent(store, "ws-feed", [item("a", ["x"]), item("b", ["y"])], T0)).toEqual({
      created: 2,
      updated: 0,
    });
    expect(await upsertContent(store, "ws-feed", [item("b", ["z"]), item("c", ["x"])], T0)).toEqual({
      created: 1,
      updated: 1,
    });
    expect((await getContent(store, "ws-feed", "b"))?.topics).toEqual(["z"]);
  });
});

describe("parseContentFeed", () => {
  it("reads an array or { items }, keeps valid items and reports the others by index", () => {
    const feed = [
      item("ok-1", ["a"]),
      { id: "bad id", title: "", url: "/x" },
      { ...item("ok-2", []), summary: undefined },
      "nope",
    ];
    const parsed = parseContentFeed({ items: feed });
    expect(parsed?.items.map((i) => i.id)).toEqual(["ok-1", "ok-2"]);
    expect(parsed?.items[1]).toMatchObject({ summary: "", type: "article" });
    expect(parsed?.errors.map((e) => [e.index, e.code])).toEqual([
      [1, "invalid_content"],
      [3, "invalid_content"],
    ]);
    expect(parsed?.errors[0]?.problems.map((p) => p.path)).toEqual(["items[1].id", "items[1].title"]);
    expect(parseContentFeed(feed)?.items).toHaveLength(2);
    expect(parseContentFeed({ entries: [] })).toBeNull();
  });
});
