import { partitionOf } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelDeps } from "../src/channel-module.ts";
import { withDeliveryPolicy } from "../src/policy/delivery-policy.ts";
import { type DevPushService, startDevPushService } from "../src/push/dev-push-service.ts";
import { createPushChannel } from "../src/push/push-channel.ts";
import { pushSubscriptions } from "../src/push/push-subscriptions.ts";
import { openPushRuntime, pushDelivery } from "./push-harness.ts";
import type { ChannelRuntime } from "./webhook-harness.ts";

/**
 * Push outbox rows through the runtime's real dispatcher with the delivery policy around the handler (issue 17):
 * what the outbox records for a sent push, a customer without a subscription and a customer who said no.
 */
describe("push deliveries through the dispatcher", () => {
  let rt: ChannelRuntime;
  let deps: ChannelDeps;
  let service: DevPushService;
  beforeEach(async () => {
    ({ rt, deps } = await openPushRuntime());
    service = await startDevPushService();
    const { store, clock, dispatcher } = rt.overture;
    dispatcher.register(createPushChannel(deps));
    dispatcher.wrapHandlers((handler) => withDeliveryPolicy(handler, { store, clock }));
    await store.upsertCustomers(
      rt.ws,
      [
        { id: "ada", attributes: { firstName: "Ada" } },
        { id: "bob", attributes: { firstName: "Bob" } },
        { id: "cy", attributes: { firstName: "Cy", consent: { push: false } } },
      ],
      clock.now(),
    );
  });
  afterEach(async () => {
    await service.close();
    await rt.cleanup();
  });

  /** Queues the push step's outbox row for `customerId`, as the engine writes it. */
  const queue = async (customerId: string) => {
    const d = await pushDelivery(rt, { title: "Hi {{ customer.firstName }}", body: "News" }, customerId, customerId);
    // The engine's own road: one partition transaction writing the outbox row.
    await rt.overture.store.withPartition(partitionOf(rt.ws, customerId), (tx) =>
      tx.write({
        instances: [],
        history: [],
        profileUpdates: [],
        processedEvents: [],
        outbox: [
          {
            workspaceId: d.workspaceId,
            key: d.key,
            instanceId: `i_${customerId}`,
            journeyId: d.journeyId,
            version: d.version,
            stepId: d.stepId,
            customerId,
            channel: "push",
            payload: d.payload,
            nextAttemptAt: rt.clock.now(),
            createdAt: rt.clock.now(),
          },
        ],
      }),
    );
  };

  it("sends to a subscribed customer, skips one without a subscription, and one whose consent.push is false", async () => {
    const subs = pushSubscriptions(rt.overture.store.sql);
    for (const customerId of ["ada", "cy"]) {
      const s = service.createSubscription();
      await subs.add(rt.ws, { customerId, endpoint: s.endpoint, keys: s.keys }, rt.clock.now());
    }
    for (const customerId of ["ada", "bob", "cy"]) await queue(customerId);
    await rt.overture.dispatcher.runUntilIdle();
    const rows = await rt.overture.store.outboxOf(rt.ws, {});
    const byCustomer = Object.fromEntries(rows.map((r) => [r.customerId, r]));
    expect(byCustomer.ada).toMatchObject({ status: "sent" });
    expect(byCustomer.bob).toMatchObject({ status: "skipped", lastError: expect.stringMatching(/no_subscription/) });
    expect(byCustomer.cy).toMatchObject({ status: "skipped", lastError: expect.stringMatching(/consent/) });
    expect(service.messages().map((m) => m.title)).toEqual(["Hi Ada"]);
  });
});
