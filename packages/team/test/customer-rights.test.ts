import { enrichContentViews, pushSubscriptions } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPrivacyHarness, type PrivacyHarness, TARGETS } from "./privacy-harness.ts";

describe.each(TARGETS)("erase and export a customer on $name", (target) => {
  let h: PrivacyHarness;
  beforeEach(async () => {
    if (!target.skip) h = await openPrivacyHarness(target);
  });
  afterEach(async () => {
    if (!target.skip) await h.close();
  });

  /** A purchase (welcome email, notification, hero slot), a content view and a push subscription. */
  async function goThrough(customerId: string, email: string) {
    const { overture, workspaceId, clock } = h;
    const events = await enrichContentViews(
      overture.store,
      workspaceId,
      [
        {
          name: "purchase.completed",
          customerId,
          attributes: { email, firstName: customerId },
          properties: { product: "Team plan" },
        },
        { name: "content.viewed", customerId, properties: { contentId: "onboarding-hero", dwellMs: 4200 } },
      ],
      clock.now(),
    );
    expect((await overture.events.ingest(workspaceId, events)).accepted).toBe(2);
    await pushSubscriptions(overture.store.sql).add(
      workspaceId,
      { customerId, endpoint: `https://push.test/${customerId}`, keys: { p256dh: "BPk", auth: "secret-auth" } },
      clock.now(),
    );
    await h.settle();
  }

  it.skipIf(target.skip)("exports every section, erases everywhere, then exports empty; others untouched", async () => {
    const { privacy, workspaceId, mailbox } = h;
    await goThrough("ada", "ada@example.test");
    await goThrough("bob", "bob@example.test");

    const before = await privacy.export(workspaceId, "ada");
    expect(before.profile?.attributes).toMatchObject({ email: "ada@example.test" });
    expect(before.events.map((e) => e.name).sort()).toEqual(["content.viewed", "purchase.completed"]);
    expect(before.journeys).toHaveLength(1);
    expect(before.journeys[0]?.status).toBe("waiting");
    expect(before.journeys[0]?.transitions.length).toBeGreaterThan(0);
    expect(before.deliveries.outbox.map((o) => [o.channel, o.status])).toEqual([
      ["email", "sent"],
      ["notification", "sent"],
      ["slot", "sent"],
    ]);
    expect(before.deliveries.facts.length).toBeGreaterThanOrEqual(3);
    expect(before.channels.notifications).toMatchObject([{ title: "Thanks" }]);
    expect(before.channels.slotAssignments).toMatchObject([{ slot: "dashboard.hero", contentId: "onboarding-hero" }]);
    expect(before.channels.contentViews).toMatchObject([{ contentId: "onboarding-hero", dwellMs: 4200 }]);
    expect(before.channels.pushSubscriptions).toMatchObject([{ endpoint: "https://push.test/ada" }]);
    expect(JSON.stringify(before.channels.pushSubscriptions)).not.toContain("secret-auth");
    expect(before.mailbox).toMatchObject([{ subject: "Welcome, ada", to: ["ada@example.test"] }]);
    const bobBefore = await privacy.export(workspaceId, "bob");

    const erasure = await privacy.erase(workspaceId, "ada");
    expect(erasure).toMatchObject({ customerId: "ada", tombstone: true });
    expect(erasure.erased).toMatchObject({
      profile: 1,
      events: 2,
      instances: 1,
      outbox: 3,
      notifications: 1,
      slotAssignments: 1,
      contentViews: 1,
      pushSubscriptions: 1,
      mailbox: 1,
    });
    expect(erasure.erased.history).toBeGreaterThan(0);
    expect(erasure.erased.deliveries).toBeGreaterThanOrEqual(3);
    // The answer (and so the audit entry) names the id and counts, nothing else of the customer's.
    expect(JSON.stringify(erasure)).not.toContain("ada@example.test");

    const after = await privacy.export(workspaceId, "ada");
    expect(after).toMatchObject({
      profile: null,
      events: [],
      journeys: [],
      deliveries: { outbox: [], facts: [] },
      channels: { notifications: [], slotAssignments: [], contentViews: [], pushSubscriptions: [] },
      mailbox: [],
    });
    expect(mailbox.list({ limit: 500 }).some((m) => m.to.includes("ada@example.test"))).toBe(false);
    const bobAfter = await privacy.export(workspaceId, "bob");
    expect({ ...bobAfter, exportedAt: 0 }).toEqual({ ...bobBefore, exportedAt: 0 });

    // The journey in progress is gone with the customer: its later email never goes.
    h.clock.advance(4 * 86_400_000);
    await h.settle();
    expect((await privacy.export(workspaceId, "ada")).deliveries.outbox).toEqual([]);
    expect(mailbox.list({ limit: 500 }).filter((m) => m.subject === "Tips for bob")).toHaveLength(1);
    expect(mailbox.list({ limit: 500 }).some((m) => m.to.includes("ada@example.test"))).toBe(false);
  });

  it.skipIf(target.skip)("drops late events until the customer is identified again", async () => {
    const { privacy, workspaceId, overture } = h;
    await goThrough("ada", "ada@example.test");
    await privacy.erase(workspaceId, "ada");

    const late = await overture.events.ingest(workspaceId, [
      { name: "purchase.completed", customerId: "ada", attributes: { email: "ada@example.test" } },
      { name: "purchase.completed", customerId: "bob", attributes: { email: "bob@example.test" } },
    ]);
    expect(late).toMatchObject({ accepted: 1, dropped: { count: 1, code: "customer_erased", indexes: [0] } });
    await h.settle();
    const stillEmpty = await privacy.export(workspaceId, "ada");
    expect(stillEmpty.profile).toBeNull();
    expect(stillEmpty.events).toEqual([]);
    expect(stillEmpty.journeys).toEqual([]);

    // PUT /v1/customers/:id identifies the customer again: the tombstone is lifted.
    await overture.customers.upsert(workspaceId, { id: "ada", attributes: { email: "ada@example.test" } });
    const back = await overture.events.ingest(workspaceId, [{ name: "purchase.completed", customerId: "ada" }]);
    expect(back).toMatchObject({ accepted: 1 });
    expect(back.dropped).toBeUndefined();
    await h.settle();
    expect((await privacy.export(workspaceId, "ada")).journeys).toHaveLength(1);

    // A Segment identify does the same.
    await privacy.erase(workspaceId, "ada");
    expect((await overture.events.ingest(workspaceId, [{ name: "page", customerId: "ada" }])).dropped?.count).toBe(1);
    const identified = await overture.events.ingest(workspaceId, [
      { name: "identify", customerId: "ada", attributes: { plan: "team" } },
      { name: "page", customerId: "ada" },
    ]);
    expect(identified).toMatchObject({ accepted: 2 });
    expect((await privacy.export(workspaceId, "ada")).profile?.attributes).toEqual({ plan: "team" });
  });

  it.skipIf(target.skip)("erasing an unknown customer is not an error: every count is 0", async () => {
    const erasure = await h.privacy.erase(h.workspaceId, "nobody");
    expect(Object.values(erasure.erased).every((n) => n === 0)).toBe(true);
    expect(Object.keys(erasure.erased)).toEqual(
      expect.arrayContaining(["profile", "events", "notifications", "slotAssignments", "mailbox"]),
    );
  });
});
