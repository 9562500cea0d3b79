import { assignSlot } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

describe("slot routes and the decision API", () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeEach(async () => {
    t = await openTestApp();
    for (const id of ["whats-new", "onboarding-hero"]) {
      await t.call("POST", "/v1/content", { body: { id, title: id, url: `/${id}`, type: "banner" } });
    }
    const token = (await t.call("GET", "/v1/portal/token?customerId=ada")).body.token;
    headers = { "x-customer-id": "ada", "x-customer-token": token };
  });
  afterEach(async () => t.close());

  it("defines slots with a default item that must exist, and lists them", async () => {
    const put = await t.call("PUT", "/v1/slots/dashboard.hero", {
      body: { defaultContentId: "whats-new", description: "Top banner" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: "dashboard.hero",
      defaultContentId: "whats-new",
      description: "Top banner",
    });
    const missing = await t.call("PUT", "/v1/slots/sidebar.tip", { body: { defaultContentId: "nope" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.problems[0]).toMatchObject({ path: "defaultContentId", code: "unknown_content" });
    expect((await t.call("PUT", "/v1/slots/bad name", { body: {} })).status).toBe(400);
    await t.call("PUT", "/v1/slots/sidebar.tip", { body: {} });
    expect((await t.call("GET", "/v1/slots")).body.slots.map((s: { name: string }) => s.name)).toEqual([
      "dashboard.hero",
      "sidebar.tip",
    ]);
    expect((await t.call("GET", "/v1/slots", { key: t.keys.writeKey })).status).toBe(403);
  });

  it("decides each slot from the customer's assignment while it lasts (runtime clock), else the default", async () => {
    await t.call("PUT", "/v1/slots/dashboard.hero", { body: { defaultContentId: "whats-new" } });
    await assignSlot(t.overture.store, t.keys.workspaceId, "ada", {
      slot: "dashboard.hero",
      contentId: "onboarding-hero",
      until: t.clock.now() + 60_000,
      key: "k",
      now: t.clock.now(),
    });
    const decide = () =>
      t.call("GET", "/v1/portal/slots?slots=dashboard.hero,sidebar.tip", { key: t.keys.writeKey, headers });
    const now = await decide();
    expect(now.status).toBe(200);
    expect(now.body.customerId).toBe("ada");
    expect(now.body.slots["dashboard.hero"]).toMatchObject({
      source: "assignment",
      contentId: "onboarding-hero",
      content: { id: "onboarding-hero", type: "banner" },
    });
    expect(now.body.slots["sidebar.tip"]).toEqual({
      slot: "sidebar.tip",
      source: "none",
      contentId: null,
      until: null,
      content: null,
    });
    t.clock.advance(60_000);
    expect((await decide()).body.slots["dashboard.hero"]).toMatchObject({ source: "default", contentId: "whats-new" });
    for (const bad of ["", ",,", Array.from({ length: 21 }, (_, i) => `s${i}`).join(","), "x".repeat(101)]) {
      const refused = await t.call("GET", `/v1/portal/slots?slots=${bad}`, { key: t.keys.writeKey, headers });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.error.code).toBe("invalid_input");
    }
    // Repeated names are answered once.
    expect(
      Object.keys((await t.call("GET", "/v1/portal/slots?slots=a,a, b", { key: t.keys.writeKey, headers })).body.slots),
    ).toEqual(["a", "b"]);
  });
});
