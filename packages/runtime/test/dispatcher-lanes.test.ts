import type { JourneyDocumentInput } from "@overture/core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ChannelHandler } from "../src/outbox/channel.ts";
import { openTestRuntime, publish } from "./helpers.ts";
import { postgresTarget, storesOf } from "./postgres-target.ts";

/**
 * Issue 16: the background dispatcher claims each channel's rows in a lane of its own, so a portal notification is not
 * queued behind a backlog of emails (docs/decisions/0029, addendum).
 */

const onboarding: JourneyDocumentInput & { id: string } = {
  id: "onboarding",
  schemaVersion: 1,
  name: "Onboarding",
  settings: { reentry: "never" },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "note" },
    { id: "note", type: "notification", title: "Welcome", body: "Hello", next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** An email channel whose sends hang until `release`: a slow SMTP server with a backlog. */
function stuckEmail() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started: string[] = [];
  const handler: ChannelHandler = {
    channel: "email",
    async deliver(d) {
      started.push(d.customerId);
      await released;
      return { status: "sent" };
    },
  };
  return { handler, started, release };
}

/** A notification channel that lets a test await the delivery to every customer of a list. */
function recordingNotifications() {
  const delivered = new Set<string>();
  let check = () => {};
  const handler: ChannelHandler = {
    channel: "notification",
    async deliver(d) {
      delivered.add(d.customerId);
      check();
      return { status: "sent" };
    },
  };
  const deliveredToAll = (customers: string[]) =>
    new Promise<void>((resolve) => {
      check = () => customers.every((c) => delivered.has(c)) && resolve();
      check();
    });
  return { handler, delivered, deliveredToAll };
}

const NEVER_MS = 60_000;
const pg = await postgresTarget();
afterAll(() => pg.dropAll());

const stores = storesOf(pg);

describe.each(stores)("dispatcher lanes on %s", (_name, available, options) => {
  let t: Awaited<ReturnType<typeof openTestRuntime>> | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  it.skipIf(!available)("notifications go out while every email of the backlog is still sending", async () => {
    const email = stuckEmail();
    const notifications = recordingNotifications();
    // Batches of two: one lane for all would hold four of the five notifications behind the stuck emails.
    t = await openTestRuntime({
      ...(await options()),
      channels: [email.handler, notifications.handler],
      dispatcher: { batchSize: 2, concurrentBatches: 1, channelLanes: true },
    });
    await publish(t.overture, t.ws, onboarding);
    const customers = ["c1", "c2", "c3", "c4", "c5"];
    await t.overture.events.ingest(
      t.ws,
      customers.map((customerId) => ({ name: "purchase.completed", customerId, at: t!.clock.now() })),
    );
    await t.overture.engine.runUntilIdle();
    t.overture.dispatcher.start({ intervalMs: NEVER_MS });
    await notifications.deliveredToAll(customers);
    // The email lane holds its first batch, stuck: none of the five emails went out.
    expect(email.started.length).toBeLessThanOrEqual(2);
    expect([...notifications.delivered].sort()).toEqual(customers);
    email.release();
    await t.overture.dispatcher.stop();
  });
});
