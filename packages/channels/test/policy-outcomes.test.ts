import type { Json } from "@overture/core";
import { type ChannelHandler, type Delivery, TransientError } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDeliveryPolicy } from "../src/policy/delivery-policy.ts";
import {
  consentKinds,
  DEFAULT_DELIVERY_POLICY,
  type DeliveryPolicy,
  defaultDeliveryPolicy,
} from "../src/policy/policy-settings.ts";
import { type ChannelRuntime, openChannelRuntime } from "./webhook-harness.ts";

/** A channel that answers in the old style (a plain detail), as handlers written before outcomes do. */
function legacyChannel(channel: string, sent: string[]): ChannelHandler {
  return {
    channel,
    async deliver(d): Promise<Json> {
      sent.push(d.key);
      return { to: d.customerId };
    },
  };
}

describe("the delivery policy answers with outcomes, never throws them (issue 17)", () => {
  let rt: ChannelRuntime;
  let sent: string[];
  let n: number;
  beforeEach(async () => {
    rt = await openChannelRuntime();
    sent = [];
    n = 0;
  });
  afterEach(() => rt.cleanup());

  const customer = (id: string, attributes: Record<string, Json>) => rt.send(id, "noop", {}, attributes);
  const delivery = (customerId: string, channel = "email"): Delivery => ({
    key: `k${++n}`,
    workspaceId: rt.ws,
    customerId,
    channel,
    journeyId: "j1",
    version: 1,
    stepId: `s${n}`,
    payload: {},
    attempt: 0,
  });
  const guarded = (channel: string, options: { policy?: DeliveryPolicy; consent?: Record<string, string> } = {}) =>
    withDeliveryPolicy(legacyChannel(channel, sent), { store: rt.overture.store, clock: rt.clock, ...options });

  it("a refused send resolves to skipped with its code and reason; the channel is not called", async () => {
    await customer("cy", { consent: { email: false } });
    await expect(guarded("email").deliver(delivery("cy"))).resolves.toEqual({
      status: "skipped",
      code: "no_consent",
      reason: "no consent: the customer's consent.email is false",
    });
    expect(sent).toEqual([]);
  });

  it("a send over the cap resolves to skipped frequency_capped, counting this process's sends", async () => {
    await customer("ada", { timezone: "Asia/Tokyo" });
    const email = guarded("email");
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await email.deliver(delivery("ada")));
    expect(outcomes.map((o) => (o as { status: string }).status)).toEqual(["sent", "sent", "sent", "skipped"]);
    expect(outcomes[3]).toEqual({
      status: "skipped",
      code: "frequency_capped",
      reason: "frequency cap: 3 email sent in the last 1w, at most 3",
    });
    expect(sent).toHaveLength(3);
  });

  it("a send in quiet hours resolves to deferred, carrying when they end in the customer's zone", async () => {
    // T0 is 09:00 UTC: 04:00 in New York; quiet hours end at 08:00 there, 13:00 UTC.
    await customer("bob", { timezone: "America/New_York" });
    const outcome = await guarded("email").deliver(delivery("bob"));
    expect(outcome).toMatchObject({ status: "deferred", code: "quiet_hours", until: Date.UTC(2026, 0, 5, 13, 0) });
    expect((outcome as { reason: string }).reason).toContain("quiet hours 21:00–08:00 America/New_York");
    expect(sent).toEqual([]);
  });

  it("a send that goes resolves to sent with the legacy handler's detail; its failures still reject", async () => {
    await customer("eve", { timezone: "Asia/Tokyo" });
    await expect(guarded("notification").deliver(delivery("eve", "notification"))).resolves.toEqual({
      status: "sent",
      detail: { to: "eve" },
    });
    const failing = withDeliveryPolicy(
      {
        channel: "webhook",
        async deliver() {
          throw new TransientError("webhook_unavailable", "503");
        },
      },
      { store: rt.overture.store, clock: rt.clock },
    );
    await expect(failing.deliver(delivery("eve", "webhook"))).rejects.toBeInstanceOf(TransientError);
  });

  it("checks the consent the channel names (module policy.consent), not always the channel's own name", async () => {
    const policy = defaultDeliveryPolicy({ sms: { consent: "phone", quietHours: false, cap: null, optIn: true } });
    const sms = guarded("sms", { policy, consent: { sms: "phone" } });
    await customer("fay", { consent: { phone: true, sms: false } });
    await customer("gus", { consent: { sms: true } });
    await customer("hal", { "consent.phone": false });
    await expect(sms.deliver(delivery("fay", "sms"))).resolves.toMatchObject({ status: "sent" });
    await expect(sms.deliver(delivery("gus", "sms"))).resolves.toEqual({
      status: "skipped",
      code: "no_consent",
      reason: "no consent: sms needs opt-in and the customer's consent.phone is not true",
    });
    await expect(sms.deliver(delivery("hal", "sms"))).resolves.toEqual({
      status: "skipped",
      code: "no_consent",
      reason: "no consent: the customer's consent.phone is false",
    });
    // Without a consent map a channel checks its own name, as today's four do.
    await expect(guarded("sms", { policy }).deliver(delivery("fay", "sms"))).resolves.toMatchObject({
      status: "skipped",
      reason: "no consent: the customer's consent.sms is false",
    });
  });
});

describe("default policies from the channels' defaults", () => {
  it("DEFAULT_DELIVERY_POLICY is still today's: 3 emails a week, email held 21:00–08:00 UTC, the rest free", () => {
    expect(DEFAULT_DELIVERY_POLICY).toStrictEqual({
      quietHours: { start: "21:00", end: "08:00", defaultTimezone: "UTC" },
      channels: {
        email: { cap: { max: 3, per: "7d" }, quietHours: true },
        notification: { cap: null, quietHours: false },
        webhook: { cap: null, quietHours: false },
        slot: { cap: null, quietHours: false },
      },
    });
  });

  it("builds the policy and the consent map from module policies", () => {
    const modules = {
      email: { consent: "email", quietHours: true, cap: { max: 3, per: "7d" } },
      sms: { consent: "sms", quietHours: true, cap: { max: 2, per: "1d" }, optIn: true },
      push: { consent: "push", quietHours: false, cap: null },
    };
    expect(defaultDeliveryPolicy(modules).channels).toStrictEqual({
      email: { cap: { max: 3, per: "7d" }, quietHours: true },
      sms: { cap: { max: 2, per: "1d" }, quietHours: true, optIn: true },
      push: { cap: null, quietHours: false },
    });
    const slot: { consent?: string; quietHours: boolean } = { quietHours: false };
    expect(consentKinds({ ...modules, slot })).toEqual({
      email: "email",
      sms: "sms",
      push: "push",
    });
  });
});
