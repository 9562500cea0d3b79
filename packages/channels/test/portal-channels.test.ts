import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decideSlots,
  ensurePortalSchemas,
  listNotifications,
  NotificationFeed,
  notificationChannel,
  putSlot,
  type SequencedNotification,
  slotChannel,
  upsertContent,
} from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { T0 } from "./portal-stores.ts";

const DAY = 86_400_000;

const JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Portal welcome",
  settings: { reentry: "always" },
  steps: [
    { id: "buy", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "hello" },
    {
      id: "hello",
      type: "notification",
      title: "Welcome, {{ customer.firstName }}",
      body: "Thanks for buying {{ event.properties.product }}{% if customer.plan %} on the {{ customer.plan }} plan{% endif %}.",
      link: "/orders/{{ event.properties.orderId }}",
      expiresAfter: "7d",
      next: "hero",
    },
    { id: "hero", type: "personalize", slot: "dashboard.hero", contentId: "onboarding-hero", for: "14d", next: "done" },
    { id: "done", type: "exit" },
  ],
};

describe("notification and slot channels, driven by the engine and the dispatcher", () => {
  let dir: string;
  let clock: VirtualClock;
  let overture: Overture;
  let ws: string;
  let published: SequencedNotification[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "overture-portal-channels-"));
    clock = new VirtualClock(T0);
    overture = await openOverture({ dataDir: dir, clock, durability: "normal" });
    await ensurePortalSchemas(overture.store);
    ws = (await overture.workspaces.create("Test")).workspaceId;
    const feed = new NotificationFeed();
    published = [];
    feed.subscribe(ws, "ada", (n) => {
      if (n) published.push(n);
    });
    overture.dispatcher.register(notificationChannel(overture.store, clock, feed));
    overture.dispatcher.register(slotChannel(overture.store, clock));
    await upsertContent(
      overture.store,
      ws,
      [{ id: "onboarding-hero", title: "Welcome aboard", summary: "", url: "/start", type: "banner", topics: [] }],
      T0,
    );
    await putSlot(overture.store, ws, { name: "dashboard.hero", defaultContentId: null, description: "" }, T0);
  });
  afterEach(async () => {
    await overture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function purchase(customerId: string, attributes: Record<string, string>, product = "Team plan") {
    const journey = await overture.journeys.create(ws, { name: JOURNEY.name, document: JOURNEY });
    await overture.journeys.publish(ws, journey.id);
    await overture.events.ingest(ws, [
      { name: "purchase.completed", customerId, attributes, properties: { product, orderId: "o-17" } },
    ]);
    await overture.engine.runUntilIdle();
    await overture.dispatcher.runUntilIdle();
  }

  it("renders the notification with the customer and the event, stores it once and tells the live feed", async () => {
    await purchase("ada", { firstName: "Ada", plan: "business" });
    const inbox = await listNotifications(overture.store, ws, "ada", clock.now());
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({
      customerId: "ada",
      title: "Welcome, Ada",
      body: "Thanks for buying Team plan on the business plan.",
      link: "/orders/o-17",
      createdAt: T0,
      expiresAt: T0 + 7 * DAY,
      readAt: null,
    });
    expect(published.map((n) => n.title)).toEqual(["Welcome, Ada"]);
    const outbox = await overture.store.outboxOf(ws, { customerId: "ada" });
    expect(outbox.map((r) => [r.channel, r.status])).toEqual([
      ["notification", "sent"],
      ["slot", "sent"],
    ]);

    // A redelivery of the same outbox row (the dispatcher crashed after sending) stores nothing new.
    const row = outbox[0]!;
    const handler = notificationChannel(overture.store, clock, new NotificationFeed());
    await handler.deliver({ ...row, attempt: 2 });
    expect((await listNotifications(overture.store, ws, "ada", clock.now())).notifications).toHaveLength(1);
  });

  it("personalizes the hero slot for 14 days, then the slot falls back to its default", async () => {
    await purchase("ada", { firstName: "Ada" });
    expect(
      (await decideSlots(overture.store, ws, "ada", ["dashboard.hero"], clock.now()))["dashboard.hero"],
    ).toMatchObject({
      source: "assignment",
      contentId: "onboarding-hero",
      until: T0 + 14 * DAY,
      content: { title: "Welcome aboard" },
    });
    clock.advance(14 * DAY);
    expect(
      (await decideSlots(overture.store, ws, "ada", ["dashboard.hero"], clock.now()))["dashboard.hero"]?.source,
    ).toBe("none");
  });

  it("dead-letters a notification whose template needs a value the customer does not have", async () => {
    await purchase("bob", {});
    const outbox = await overture.store.outboxOf(ws, { customerId: "bob" });
    expect(outbox.find((r) => r.channel === "notification")).toMatchObject({
      status: "dead",
      lastError: expect.stringContaining("customer.firstName"),
    });
    expect((await listNotifications(overture.store, ws, "bob", clock.now())).notifications).toEqual([]);
  });
});
