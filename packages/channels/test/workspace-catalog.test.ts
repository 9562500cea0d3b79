import {
  ensureWebhookSchema,
  putSlot,
  putWebhookEndpoint,
  readWorkspaceCatalog,
  summarizeAttributes,
  summarizeEvents,
  upsertContent,
  useWebhookSecretBox,
} from "@overture/channels";
import { createSecretBox, type Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0 } from "./portal-stores.ts";

const WS = "ws-catalog";

describe.each(STORE_TARGETS)("workspace catalog on $name", (target) => {
  let db: PortalStore;
  let store: Store;
  beforeAll(async () => {
    if (target.skip) return;
    db = await target.open();
    store = db.store;
    const event = (
      n: number,
      name: string,
      customerId: string,
      properties: Record<string, unknown>,
      workspaceId = WS,
    ) => ({
      id: `e${n}`,
      workspaceId,
      name,
      customerId,
      properties: properties as never,
      at: T0 + n,
      receivedAt: T0 + n,
    });
    await store.insertEvents([
      event(1, "purchase.completed", "ada", { plan: { tier: "pro" } }),
      event(2, "portal.login", "ada", {}),
      event(3, "portal.login", "bob", { device: "mobile" }),
      event(4, "$schedule", "bob", {}),
      event(5, "secret.thing", "eve", { x: 1 }, "ws-other"),
    ]);
    await store.upsertCustomers(
      WS,
      [
        { id: "ada", attributes: { plan: "pro", seats: 3 } },
        { id: "bob", attributes: { plan: "free" } },
      ],
      T0,
    );
    await upsertContent(
      store,
      WS,
      [{ id: "g1", title: "Guide", summary: "", url: "/g1", type: "article", topics: ["setup", "billing"] }],
      T0,
    );
    await putSlot(store, WS, { name: "dashboard.hero", defaultContentId: "g1", description: "Top" }, T0);
    await ensureWebhookSchema(store);
    useWebhookSecretBox(store, createSecretBox("test server secret"));
    await putWebhookEndpoint(store, WS, { name: "crm", url: "https://crm.example.com/h" }, T0);
  });
  afterAll(async () => db?.close());

  it.skipIf(target.skip)("reads the names the workspace has seen, and only this workspace's", async () => {
    const catalog = await readWorkspaceCatalog(store, WS);
    expect(catalog.events).toEqual([
      { name: "portal.login", count: 2, properties: ["device"] },
      { name: "purchase.completed", count: 1, properties: ["plan", "plan.tier"] },
    ]);
    expect(catalog.attributes).toEqual([
      { name: "plan", count: 2, samples: expect.arrayContaining(["pro", "free"]) },
      { name: "seats", count: 1, samples: [3] },
    ]);
    expect(catalog.topics).toEqual(["billing", "setup"]);
    expect(catalog.content.map((c) => c.id)).toEqual(["g1"]);
    expect(catalog.slots).toEqual([{ name: "dashboard.hero", description: "Top", defaultContentId: "g1" }]);
    expect(catalog.webhookEndpoints).toEqual([{ name: "crm", url: "https://crm.example.com/h" }]);
    expect(catalog.sampled).toEqual({ events: 4, customers: 2 });
  });

  it.skipIf(target.skip)("looks at the most recent events only", async () => {
    const catalog = await readWorkspaceCatalog(store, WS, { eventSample: 2 });
    expect(catalog.events.map((e) => e.name)).toEqual(["portal.login"]);
  });
});

describe("catalog summaries", () => {
  it("keep at most five short scalar samples per attribute", () => {
    const profiles = Array.from({ length: 8 }, (_, i) => ({ n: i, long: "x".repeat(150), nested: { a: 1 } }));
    const [n, long, nested] = ["n", "long", "nested"].map((name) =>
      summarizeAttributes(profiles).find((a) => a.name === name),
    );
    expect(n).toEqual({ name: "n", count: 8, samples: [0, 1, 2, 3, 4] });
    expect(long?.samples).toEqual([]);
    expect(nested?.samples).toEqual([]);
    expect(summarizeEvents([{ name: "a", properties: null }])).toEqual([{ name: "a", count: 1, properties: [] }]);
  });
});
