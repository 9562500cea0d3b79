import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

describe("GET /v1/catalog", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it("lists the event names, properties and attributes the workspace has seen, and its content, slots and endpoints", async () => {
    const send = (
      name: string,
      customerId: string,
      properties: Record<string, unknown>,
      attributes?: Record<string, unknown>,
    ) => t.call("POST", "/v1/events", { body: { name, customerId, properties, attributes } });
    expect(
      (
        await send(
          "purchase.completed",
          "ada",
          { plan: { tier: "pro" }, amount: 49 },
          { firstName: "Ada", plan: "pro" },
        )
      ).status,
    ).toBe(200);
    await send("purchase.completed", "bob", { coupon: "X" }, { firstName: "Bob", plan: "free" });
    await send("portal.login", "ada", {});
    expect(
      (
        await t.call("POST", "/v1/content", {
          body: { id: "guide-1", title: "Getting started", url: "https://example.com/g", topics: ["basics", "setup"] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.call("PUT", "/v1/slots/dashboard.hero", {
          body: { defaultContentId: "guide-1", description: "Top of the dashboard" },
        })
      ).status,
    ).toBe(200);
    const template = await t.call("PUT", "/v1/email/templates/welcome", {
      body: {
        name: "Welcome",
        subject: "Hi {{ customer.firstName | default: 'there' }}",
        body: "<mjml><mj-body></mj-body></mjml>",
      },
    });
    expect(template.status).toBe(200);
    expect(
      (await t.call("PUT", "/v1/webhook-endpoints/crm.orders", { body: { url: "https://crm.example.com/hook" } }))
        .status,
    ).toBe(200);

    const { status, body } = await t.call("GET", "/v1/catalog");
    expect(status).toBe(200);
    expect(body.events).toEqual([
      { name: "purchase.completed", count: 2, properties: ["amount", "coupon", "plan", "plan.tier"] },
      { name: "portal.login", count: 1, properties: [] },
    ]);
    const plan = body.attributes.find((a: { name: string }) => a.name === "plan");
    expect(plan).toEqual({ name: "plan", count: 2, samples: expect.arrayContaining(["pro", "free"]) });
    expect(body.attributes.map((a: { name: string }) => a.name)).toContain("firstName");
    expect(body.topics).toEqual(["basics", "setup"]);
    expect(body.content).toEqual([
      { id: "guide-1", title: "Getting started", summary: "", type: "article", topics: ["basics", "setup"] },
    ]);
    expect(body.slots).toEqual([
      { name: "dashboard.hero", description: "Top of the dashboard", defaultContentId: "guide-1" },
    ]);
    expect(body.webhookEndpoints).toEqual([{ name: "crm.orders", url: "https://crm.example.com/hook" }]);
    expect(body.emailTemplates).toEqual([
      { id: "welcome", name: "Welcome", subject: "Hi {{ customer.firstName | default: 'there' }}" },
    ]);
    expect(body.sampled).toEqual({ events: 3, customers: 2 });
  });

  it("answers an empty catalog for a new workspace, and needs the secret key", async () => {
    const { status, body } = await t.call("GET", "/v1/catalog");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      events: [],
      attributes: [],
      topics: [],
      content: [],
      slots: [],
      webhookEndpoints: [],
      emailTemplates: [],
    });
    expect((await t.call("GET", "/v1/catalog", { key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("GET", "/v1/catalog", { key: null })).status).toBe(401);
  });
});
