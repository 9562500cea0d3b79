import type { Json } from "@overture/core";
import type { Delivery } from "@overture/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { messageIdFor } from "../src/email/email-channel.ts";
import { ensurePortalSchemas } from "../src/index.ts";
import { notificationChannel, notificationId } from "../src/notifications/notification-channel.ts";
import { slotChannel } from "../src/slots/slot-channel.ts";
import { openEmailHarness } from "./email-harness.ts";
import { type ChannelRuntime, openChannelRuntime } from "./webhook-harness.ts";

/** The delivery facts of a workspace, details parsed (SQLite keeps them as text). */
async function factsOf(rt: Pick<ChannelRuntime, "overture">, workspaceId: string) {
  const rows = await rt.overture.store.sql.all<{ outbox_key: string; status: string; detail: unknown }>(
    "SELECT outbox_key, status, detail FROM deliveries WHERE workspace_id = ? ORDER BY seq",
    [workspaceId],
  );
  return rows.map((r) => ({ ...r, detail: (typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail) as Json }));
}

describe("the channels answer sent as an outcome; the recorded detail is what it was (issue 17)", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it("email: sent with to, subject, Message-ID and the SMTP answer, recorded as the fact's detail", async () => {
    const h = await openEmailHarness();
    cleanups.push(() => h.close());
    await h.publish();
    await h.overture.customers.upsert(h.workspaceId, {
      id: "c1",
      attributes: { email: "ann@example.com", firstName: "Ann" },
    });
    await h.overture.events.ingest(h.workspaceId, [
      { name: "purchase.completed", customerId: "c1", properties: { product: "Pro" } },
    ]);
    await h.settle();
    const [row] = await h.overture.store.outboxOf(h.workspaceId, { customerId: "c1" });
    const [fact] = await factsOf(h, h.workspaceId);
    expect(fact).toMatchObject({ outbox_key: row!.key, status: "sent" });
    const detail = fact!.detail as Record<string, Json>;
    expect(Object.keys(detail).sort()).toEqual(["messageId", "response", "subject", "to"]);
    expect(detail).toMatchObject({
      to: "ann@example.com",
      subject: "Welcome, Ann!",
      messageId: messageIdFor(row!.key),
    });
    // Called directly (a redelivery), the handler resolves to the outcome, not a bare detail.
    await expect(h.channel.deliver({ ...row!, attempt: 2 })).resolves.toMatchObject({
      status: "sent",
      detail: { to: "ann@example.com", messageId: messageIdFor(row!.key) },
    });
  });

  it("notification and slot: sent with their detail; the fact records the detail alone", async () => {
    const rt = await openChannelRuntime();
    cleanups.push(() => rt.cleanup());
    await ensurePortalSchemas(rt.overture.store);
    rt.overture.dispatcher.register(notificationChannel(rt.overture.store, rt.clock));
    await rt.publish("Hello", "go", [{ id: "n1", type: "notification", title: "Hi {{ customer.id }}", body: "Hello" }]);
    await rt.send("ada", "go");
    await rt.overture.dispatcher.runUntilIdle();
    const [row] = await rt.overture.store.outboxOf(rt.ws, { customerId: "ada" });
    expect(await factsOf(rt, rt.ws)).toEqual([
      { outbox_key: row!.key, status: "sent", detail: { notificationId: notificationId(row!.key), title: "Hi ada" } },
    ]);

    const delivery: Delivery = {
      ...row!,
      attempt: 1,
      channel: "slot",
      payload: { slot: "hero", contentId: null, until: null },
    };
    await expect(slotChannel(rt.overture.store, rt.clock).deliver(delivery)).resolves.toEqual({
      status: "sent",
      detail: { slot: "hero", contentId: null, until: null },
    });
  });
});
