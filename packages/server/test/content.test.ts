import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp } from "./test-app.ts";

const item = (id: string, topics: string[], extra: Record<string, unknown> = {}) => ({
  id,
  title: `Title ${id}`,
  summary: `About ${id}`,
  url: `/library/${id}`,
  type: "article",
  topics,
  ...extra,
});

describe("content library routes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(async () => t.close());

  it("creates, reads, lists, replaces and deletes items with the secret key", async () => {
    const created = await t.call("POST", "/v1/content", {
      body: item("sso", ["security"], { body: "Steps", imageUrl: "/sso.png" }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      ...item("sso", ["security"], { body: "Steps", imageUrl: "/sso.png" }),
      createdAt: T0,
    });
    expect((await t.call("POST", "/v1/content", { body: item("sso", []) })).body.error.code).toBe("conflict");
    await t.call("POST", "/v1/content", { body: item("crm", ["integrations"], { title: "Connect your CRM" }) });

    expect((await t.call("GET", "/v1/content/sso")).body.title).toBe("Title sso");
    expect((await t.call("GET", "/v1/content?topic=integrations")).body.items.map((i: { id: string }) => i.id)).toEqual(
      ["crm"],
    );
    expect((await t.call("GET", "/v1/content?search=crm")).body.items.map((i: { id: string }) => i.id)).toEqual([
      "crm",
    ]);

    const put = await t.call("PUT", "/v1/content/sso", {
      body: { title: "Single sign-on", url: "/sso", topics: ["security"] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      id: "sso",
      title: "Single sign-on",
      summary: "",
      url: "/sso",
      type: "article",
      topics: ["security"],
      createdAt: T0,
    });
    expect((await t.call("PUT", "/v1/content/new-one", { body: { title: "New", url: "/new" } })).body.id).toBe(
      "new-one",
    );

    expect((await t.call("DELETE", "/v1/content/sso")).body).toEqual({ deleted: true, id: "sso" });
    expect((await t.call("GET", "/v1/content/sso")).status).toBe(404);
    expect((await t.call("DELETE", "/v1/content/sso")).body.error.code).toBe("not_found");
  });

  it("refuses the write key and invalid items, naming every problem", async () => {
    expect((await t.call("GET", "/v1/content", { key: t.keys.writeKey })).status).toBe(403);
    const bad = await t.call("POST", "/v1/content", { body: { id: "has space", title: "", topics: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect(bad.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      "id",
      "title",
      "topics",
      "url",
    ]);
  });

  it("imports a feed: creates or replaces by id, keeps the valid items and reports the others by index", async () => {
    await t.call("POST", "/v1/content", { body: item("a", ["x"]) });
    const result = await t.call("POST", "/v1/content/import", {
      body: { items: [item("a", ["y"]), { id: "b" }, item("c", ["z"])] },
    });
    expect(result.status).toBe(200);
    expect(result.body.created).toBe(1);
    expect(result.body.updated).toBe(1);
    expect(result.body.errors).toEqual([
      {
        index: 1,
        code: "invalid_content",
        message: expect.stringContaining("items[1].title"),
        problems: [
          expect.objectContaining({ path: "items[1].title" }),
          expect.objectContaining({ path: "items[1].url" }),
        ],
      },
    ]);
    expect((await t.call("GET", "/v1/content/a")).body.topics).toEqual(["y"]);
    expect((await t.call("POST", "/v1/content/import", { body: [item("d", [])] })).body.created).toBe(1);
    const notAFeed = await t.call("POST", "/v1/content/import", { body: { entries: [] } });
    expect(notAFeed.status).toBe(400);
    expect(notAFeed.body.error.code).toBe("invalid_input");
  });

  it("adds the item's topics to content.viewed events that name a contentId, so engagement sees them", async () => {
    await t.call("POST", "/v1/content", { body: item("crm", ["integrations", "automation"]) });
    const sent = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: { name: "content.viewed", customerId: "ada", properties: { contentId: "crm", dwellMs: 42_000 } },
    });
    expect(sent.status).toBe(200);
    await t.call("POST", "/v1/events/batch", {
      key: t.keys.writeKey,
      body: {
        events: [{ name: "content.viewed", customerId: "ada", properties: { contentId: "crm", topics: ["mine"] } }],
      },
    });
    const history = await t.call("GET", "/v1/customers/ada");
    const topics = history.body.recentEvents.map((e: { properties: { topics?: string[] } }) => e.properties.topics);
    expect(topics).toContainEqual(["integrations", "automation"]);
    expect(topics).toContainEqual(["mine"]);
  });
});
