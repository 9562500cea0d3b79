import {
  type Action,
  advance,
  type CustomerEvent,
  compileJourney,
  createInstance,
  type Instance,
  matchTrigger,
} from "@overture/core";
import { type Behaviour, DAY_MS, eventsFor, type SyntheticCustomer, syntheticCustomers } from "@overture/runtime";
import { describe, expect, it } from "vitest";
import { ONBOARDING_JOURNEY } from "../src/onboarding-journey.ts";
import { type ExpectedAction, expectedOnboarding } from "../src/onboarding-oracle.ts";

/**
 * The oracle is written by hand, without the interpreter; this cross-check drives the pure interpreter with the
 * smallest loop that follows the oracle's ordering rule (O8: at one instant, a due timer before an event) and
 * checks both agree. It is not the engine's end-to-end test (that runs the real runtime on both stores); it
 * catches an oracle that misreads the journey, early and in milliseconds.
 */
const version = compileJourney("onboarding", 1, ONBOARDING_JOURNEY);
const channelTypes = new Set(["email", "notification", "slot", "webhook", "sms"]);

function drive(customer: SyntheticCustomer) {
  const [purchase, ...rest] = eventsFor(customer);
  if (!purchase) throw new Error("no purchase");
  const trigger = matchTrigger(version, purchase);
  if (!trigger) throw new Error("the purchase does not start the journey");
  const seen: CustomerEvent[] = [];
  const actions: ExpectedAction[] = [];
  const facts = () => ({ id: customer.id, attributes: customer.attributes, events: seen });
  const record = (list: Action[], at: number) => {
    for (const a of list)
      if (channelTypes.has(a.type)) actions.push({ stepId: a.stepId, type: a.type as ExpectedAction["type"], at });
  };
  let instance: Instance = createInstance({
    id: "i1",
    version,
    customerId: customer.id,
    entry: 1,
    triggerStepId: trigger.id,
    event: purchase,
    now: purchase.at,
  });
  let outcome = advance(version, instance, { type: "start" }, facts(), purchase.at);
  record(outcome.actions, purchase.at);
  instance = outcome.instance;
  let wakeAt = outcome.wakeAt;
  const queue = [...rest];
  while (instance.status === "active" || instance.status === "waiting") {
    const next = queue[0];
    if (wakeAt !== null && (!next || wakeAt <= next.at)) {
      outcome = advance(version, instance, { type: "timer" }, facts(), wakeAt);
      record(outcome.actions, wakeAt);
    } else if (next) {
      queue.shift();
      seen.push(next);
      if (!version.wakingEvents.has(next.name)) continue;
      outcome = advance(version, instance, { type: "event", event: next }, facts(), next.at);
      record(outcome.actions, next.at);
    } else break;
    instance = outcome.instance;
    wakeAt = outcome.wakeAt;
  }
  return {
    actions,
    status: instance.status,
    converted: instance.converted,
    recommendation: instance.context.recommendations ?? null,
  };
}

/** Hand-written ties (O8) that synthetic customers never produce. */
const edges: Behaviour[] = [
  { kind: "logs-in", loginAfterMs: 3 * DAY_MS },
  { kind: "logs-in", loginAfterMs: 10 * DAY_MS },
  { kind: "logs-in", loginAfterMs: 10 * DAY_MS - 1, activatesAfterMs: 11 * DAY_MS - 1 },
  { kind: "cancels", cancelAfterMs: 0 },
  { kind: "cancels", cancelAfterMs: DAY_MS },
  { kind: "cancels", cancelAfterMs: 10 * DAY_MS },
  { kind: "cancels", cancelAfterMs: 13 * DAY_MS },
  {
    kind: "views-content",
    views: [
      { afterMs: 4 * DAY_MS, contentId: "a", topics: ["reporting"], dwellMs: 1_000 },
      { afterMs: 5 * DAY_MS, contentId: "b", topics: ["billing"], dwellMs: 9_000 },
    ],
  },
];

describe("the onboarding oracle", () => {
  it("agrees with the interpreter on hand-written ties, with and without a phone and SMS consent", () => {
    const contacts: Array<Partial<SyntheticCustomer["attributes"]>> = [
      {},
      { phone: "+14155550123", consent: { sms: true } },
      { phone: "+14155550123", consent: { sms: false } },
      { consent: { sms: true } },
    ];
    for (const behaviour of edges) {
      for (const contact of contacts) {
        const customer: SyntheticCustomer = {
          id: "edge",
          attributes: { firstName: "Ada", email: "edge@example.test", timezone: "UTC", plan: "team", ...contact },
          purchaseAt: Date.UTC(2025, 2, 3, 12),
          behaviour,
        };
        const expected = expectedOnboarding(customer);
        expect({ behaviour, contact, ...drive(customer) }).toEqual({
          behaviour,
          contact,
          actions: expected.actions,
          status: expected.status,
          converted: expected.converted,
          recommendation: expected.recommendation ? { ...expected.recommendation, count: 3 } : null,
        });
      }
    }
  });

  it("agrees with the interpreter for every synthetic customer", () => {
    let texted = 0;
    for (const customer of syntheticCustomers({ count: 3_000, seed: 2025, startAt: Date.UTC(2025, 2, 3) })) {
      const expected = expectedOnboarding(customer);
      const actual = drive(customer);
      if (actual.actions.some((a) => a.type === "sms")) texted++;
      expect({ id: customer.id, ...actual }).toEqual({
        id: customer.id,
        actions: expected.actions,
        status: expected.status,
        converted: expected.converted,
        recommendation: expected.recommendation ? { ...expected.recommendation, count: 3 } : null,
      });
    }
    // The synthetic mix must take the SMS branch both ways, or the comparison says nothing about it.
    expect(texted).toBeGreaterThan(100);
  });
});
