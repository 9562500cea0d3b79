import type { Json } from "@overture/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../src/clock/clock.ts";
import { DeferredError, SkippedError, TransientError } from "../src/errors.ts";
import {
  type ChannelHandler,
  type DeliveryOutcome,
  isDeliveryOutcome,
  type LegacyDeliveryResult,
  toDeliveryOutcome,
} from "../src/outbox/channel.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import type { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { customersIn, instance, openWorkspaceStore, outboxRow, T0, WS, writeBatch } from "./store-contract-fixtures.ts";

const HOUR = 3_600_000;

/** What each step's handler does: resolve to an outcome or a legacy detail, or throw the old policy errors. */
const ANSWERS: Record<string, () => DeliveryOutcome | LegacyDeliveryResult> = {
  sent: () => ({ status: "sent", detail: { to: "ada@example.com" } }),
  "sent-bare": () => ({ status: "sent" }),
  legacy: () => ({ to: "ada@example.com" }),
  "legacy-undefined": () => undefined,
  "legacy-webhook": () => ({ status: 200, body: "ok" }),
  skipped: () => ({
    status: "skipped",
    code: "no_consent",
    reason: "no consent: the customer's consent.email is false",
  }),
  "skipped-thrown": () => {
    throw new SkippedError("no_consent", "no consent: the customer's consent.email is false");
  },
  "opted-out": () => ({ status: "skipped", code: "sms_opted_out", reason: "the customer replied STOP" }),
  "opted-out-thrown": () => {
    throw new SkippedError("sms_opted_out", "the customer replied STOP");
  },
  deferred: () => ({
    status: "deferred",
    code: "quiet_hours",
    reason: "quiet hours 21:00–08:00 UTC",
    until: T0 + HOUR,
  }),
  "deferred-thrown": () => {
    throw new DeferredError("quiet_hours", "quiet hours 21:00–08:00 UTC", T0 + HOUR);
  },
  failing: () => {
    throw new TransientError("smtp_unavailable", "SMTP: connect ECONNREFUSED");
  },
};

const answering: ChannelHandler = {
  channel: "email",
  endpointOf: () => "smtp.test:25",
  async deliver(d) {
    const answer = ANSWERS[d.stepId];
    if (!answer) throw new Error(`no answer for ${d.stepId}`);
    return answer();
  },
};

describe("dispatcher: delivery outcomes are data (issue 17)", () => {
  let store: SqliteStore;
  let clock: VirtualClock;
  const customer = customersIn(2, 1)[0]!;
  beforeEach(async () => {
    store = await openWorkspaceStore();
    clock = new VirtualClock(T0);
  });
  afterEach(() => store.close());

  async function deliverSteps(stepIds: string[], dispatcher = new Dispatcher(store, clock, [answering])) {
    await writeBatch(store, 2, { outbox: stepIds.map((s) => outboxRow(instance(customer), s)) });
    await dispatcher.runUntilIdle();
    const rows = await store.outboxOf(WS, {});
    const facts = await store.sql.all<{ outbox_key: string; status: string; detail: unknown }>(
      "SELECT outbox_key, status, detail FROM deliveries ORDER BY seq",
    );
    const record = (stepId: string) => {
      const row = rows.find((r) => r.stepId === stepId)!;
      const fact = facts.find((f) => f.outbox_key === row.key);
      const detail = typeof fact?.detail === "string" ? JSON.parse(fact.detail) : (fact?.detail ?? null);
      return {
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        nextAttemptAt: row.nextAttemptAt,
        fact: fact ? { status: fact.status, detail } : null,
      };
    };
    return { record, dispatcher };
  }

  it("records a returned skip exactly as a thrown SkippedError: skipped with its reason, and a skipped fact", async () => {
    const { record } = await deliverSteps(["skipped", "skipped-thrown"]);
    const reason = "no consent: the customer's consent.email is false";
    expect(record("skipped")).toEqual({
      status: "skipped",
      attempts: 1,
      lastError: reason,
      nextAttemptAt: T0,
      fact: { status: "skipped", detail: { reason } },
    });
    expect(record("skipped-thrown")).toEqual(record("skipped"));
  });

  it("records a returned defer exactly as a thrown DeferredError: pending until then, no attempt spent", async () => {
    const { record } = await deliverSteps(["deferred", "deferred-thrown"]);
    expect(record("deferred")).toEqual({
      status: "pending",
      attempts: 0,
      lastError: "quiet hours 21:00–08:00 UTC",
      nextAttemptAt: T0 + HOUR,
      fact: null,
    });
    expect(record("deferred-thrown")).toEqual(record("deferred"));
  });

  it("records sent with the outcome's detail; a handler resolving to a legacy detail (or nothing) is sent too", async () => {
    const { record } = await deliverSteps(["sent", "sent-bare", "legacy", "legacy-undefined", "legacy-webhook"]);
    const sent = (detail: Json) => ({
      status: "sent",
      attempts: 1,
      lastError: null,
      nextAttemptAt: T0,
      fact: { status: "sent", detail },
    });
    expect(record("sent")).toEqual(sent({ to: "ada@example.com" }));
    expect(record("legacy")).toEqual(record("sent"));
    expect(record("sent-bare")).toEqual(sent(null));
    expect(record("legacy-undefined")).toEqual(sent(null));
    expect(record("legacy-webhook")).toEqual(sent({ status: 200, body: "ok" }));
  });

  it("a reason that does not lead with its code gets it, so the step's figures count it by code", async () => {
    const { record } = await deliverSteps(["skipped", "opted-out", "opted-out-thrown"]);
    expect(record("opted-out")).toMatchObject({
      status: "skipped",
      lastError: "sms_opted_out: the customer replied STOP",
    });
    expect(record("opted-out-thrown")).toEqual(record("opted-out"));
    const figures = await store.deliveryOutcomes(WS, instance(customer).journeyId);
    expect(Object.fromEntries(figures.map((f) => [f.stepId, f.reasons.skipped]))).toEqual({
      skipped: { no_consent: 1 },
      "opted-out": { sms_opted_out: 1 },
      "opted-out-thrown": { sms_opted_out: 1 },
    });
  });

  it("skips and defers say nothing about the endpoint: the failures before them still count for its circuit", async () => {
    const dispatcher = new Dispatcher(store, clock, [answering], { random: () => 0.5 });
    await deliverSteps(["failing"], dispatcher);
    await deliverSteps(["skipped", "skipped-thrown", "deferred", "deferred-thrown"], dispatcher);
    expect(dispatcher.circuits().map((c) => [c.endpoint, c.state, c.consecutiveFailures])).toEqual([
      ["smtp.test:25", "closed", 1],
    ]);
  });
});

describe("toDeliveryOutcome", () => {
  it("keeps outcomes and reads anything else as a legacy detail, sent", () => {
    const skip: DeliveryOutcome = { status: "skipped", code: "frequency_capped", reason: "frequency cap" };
    expect(toDeliveryOutcome(skip)).toBe(skip);
    expect(toDeliveryOutcome({ messageId: "<a@b>" })).toEqual({ status: "sent", detail: { messageId: "<a@b>" } });
    expect(toDeliveryOutcome(null)).toEqual({ status: "sent", detail: null });
    expect(toDeliveryOutcome(undefined)).toEqual({ status: "sent" });
    // Shaped almost like an outcome, but not one: a detail.
    for (const detail of [
      { status: "skipped", reason: "no code" },
      { status: "deferred", code: "quiet_hours", reason: "no until" },
      { status: "sent", to: "ada@example.com" },
      ["sent"],
    ] as Json[])
      expect(isDeliveryOutcome(detail)).toBe(false);
  });
});
