import {
  type Behaviour,
  type ContentView,
  DAY_MS,
  HOUR_MS,
  type SyntheticCustomer,
  syntheticCustomers,
} from "@overture/runtime";
import { describe, expect, it } from "vitest";
import { ONBOARDING_TIMINGS } from "./onboarding-journey.ts";
import { type ExpectedAction, expectedOnboarding } from "./onboarding-oracle.ts";

const t0 = Date.UTC(2025, 0, 6, 9, 30);
const day = (d: number) => t0 + d * DAY_MS;

function customer(behaviour: Behaviour, contact: Partial<SyntheticCustomer["attributes"]> = {}): SyntheticCustomer {
  return {
    id: "c1",
    attributes: { firstName: "Ada", email: "c1@example.test", timezone: "Europe/Paris", plan: "team", ...contact },
    purchaseAt: t0,
    behaviour,
  };
}

const view = (afterMs: number, topics: string[], dwellMs: number): ContentView => ({
  afterMs,
  contentId: `item-${afterMs}`,
  topics,
  dwellMs,
});

const start: ExpectedAction[] = [
  { stepId: "welcome-email", type: "email", at: t0 },
  { stepId: "portal-welcome", type: "notification", at: t0 },
  { stepId: "dashboard-hero", type: "slot", at: t0 },
  { stepId: "getting-started", type: "email", at: day(1) },
  { stepId: "tips", type: "email", at: day(3) },
];
const followUps: ExpectedAction[] = [
  { stepId: "follow-up-1", type: "email", at: day(10) },
  { stepId: "follow-up-2", type: "email", at: day(13) },
];
const recommendationsAt = (at: number): ExpectedAction => ({ stepId: "recommendations-email", type: "email", at });
const smsReminder: ExpectedAction = { stepId: "sms-reminder", type: "sms", at: day(10) };
const textable = { phone: "+14155550123", consent: { sms: true } };

describe("the onboarding timings", () => {
  it("are read from examples/onboarding/journey.json", () => {
    expect(ONBOARDING_TIMINGS).toMatchObject({
      triggerEvent: "purchase.completed",
      firstWaitMs: DAY_MS,
      secondWaitMs: 2 * DAY_MS,
      engagementEvents: ["portal.login", "content.viewed"],
      engagementTimeoutMs: 7 * DAY_MS,
      followUpGapMs: 3 * DAY_MS,
      dwellWaitMs: DAY_MS,
      exitEvents: ["account.cancelled"],
      goalEvent: "feature.activated",
    });
  });
});

describe("expectedOnboarding", () => {
  it("O1 O2 O4: a customer who ignores everything gets the onboarding emails, then both follow-ups", () => {
    expect(expectedOnboarding(customer({ kind: "ignores" }))).toEqual({
      actions: [...start, ...followUps],
      path: "not-engaged",
      status: "completed",
      endedAt: day(13),
      converted: false,
      recommendation: null,
    });
  });

  it("O4a: a customer with a phone who opted in to SMS also gets the SMS reminder, right after the first follow-up", () => {
    expect(expectedOnboarding(customer({ kind: "ignores" }, textable))).toMatchObject({
      actions: [...start, followUps[0], smsReminder, followUps[1]],
      path: "not-engaged",
      endedAt: day(13),
    });
  });

  it("O4a: no SMS without a phone, without the opt-in, after saying no, or for an engaged customer", () => {
    const ignores: Behaviour = { kind: "ignores" };
    for (const contact of [
      { consent: { sms: true } },
      { phone: "+14155550123" },
      { phone: "+14155550123", consent: { sms: false } },
    ])
      expect(expectedOnboarding(customer(ignores, contact)).actions, JSON.stringify(contact)).toEqual([
        ...start,
        ...followUps,
      ]);
    const engaged = expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 5 * DAY_MS }, textable));
    expect(engaged.actions).toEqual([...start, recommendationsAt(day(6))]);
  });

  it("O3: a login before the engagement wait starts (day 2) does not wake it", () => {
    expect(expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 2 * DAY_MS })).actions).toEqual([
      ...start,
      ...followUps,
    ]);
  });

  it("O4 O5: a login on day 5 gets recommendations a day later, on the fallback topics", () => {
    const result = expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 5 * DAY_MS + HOUR_MS }));
    expect(result.actions).toEqual([...start, recommendationsAt(day(6) + HOUR_MS)]);
    expect(result).toMatchObject({ path: "engaged", status: "completed", endedAt: day(6) + HOUR_MS });
    expect(result.recommendation).toEqual({ topics: ["getting-started", "best-practices"], basedOn: "fallback" });
  });

  it("O8: a login exactly when the wait starts (day 3) wakes it", () => {
    expect(expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 3 * DAY_MS })).actions).toEqual([
      ...start,
      recommendationsAt(day(4)),
    ]);
  });

  it("O8: a login exactly at the timeout (day 10) is too late; one millisecond earlier is not", () => {
    expect(expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 10 * DAY_MS })).actions).toEqual([
      ...start,
      ...followUps,
    ]);
    expect(expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 10 * DAY_MS - 1 })).actions).toEqual([
      ...start,
      recommendationsAt(day(11) - 1),
    ]);
  });

  it("O3: a login after the timeout changes nothing", () => {
    expect(expectedOnboarding(customer({ kind: "logs-in", loginAfterMs: 11 * DAY_MS })).path).toBe("not-engaged");
  });

  it("O5: recommends the top three topics by dwell, counting views before the wait and during the dwell day", () => {
    const result = expectedOnboarding(
      customer({
        kind: "views-content",
        views: [
          view(1 * DAY_MS, ["security"], 600_000), // before the wait: does not wake it, but counts as dwell
          view(4 * DAY_MS, ["reporting"], 60_000), // wakes the wait: recommendation at day 5
          view(4 * DAY_MS + 6 * HOUR_MS, ["automation", "security"], 300_000),
          view(4 * DAY_MS + 7 * HOUR_MS, ["billing"], 30_000),
          view(5 * DAY_MS, ["billing"], 3_600_000), // exactly at the recommendation (O8): not counted
        ],
      }),
    );
    expect(result.actions).toEqual([...start, recommendationsAt(day(5))]);
    // security 900s, automation 300s, reporting 60s, billing 30s.
    expect(result.recommendation).toEqual({ topics: ["security", "automation", "reporting"], basedOn: "engagement" });
  });

  it("O5: ties in dwell time go by topic name; topics without dwell are left out", () => {
    const result = expectedOnboarding(
      customer({
        kind: "views-content",
        views: [view(3 * DAY_MS + 1, ["zeta", "alpha"], 1_000), view(3 * DAY_MS + 2, ["unread"], 0)],
      }),
    );
    expect(result.recommendation).toEqual({ topics: ["alpha", "zeta"], basedOn: "engagement" });
  });

  it("O3: content viewed only before the wait times out like anyone else", () => {
    const result = expectedOnboarding(
      customer({ kind: "views-content", views: [view(HOUR_MS, ["security"], 60_000)] }),
    );
    expect(result.actions).toEqual([...start, ...followUps]);
    expect(result.recommendation).toBeNull();
  });

  it("O6: a cancellation on day 2 stops everything after it", () => {
    expect(expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: 2 * DAY_MS }))).toEqual({
      actions: start.slice(0, 4),
      path: "cancelled",
      status: "exited",
      endedAt: day(2),
      converted: false,
      recommendation: null,
    });
  });

  it("O6 O8: a cancellation exactly when an email is due comes after that email", () => {
    expect(expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: DAY_MS })).actions).toEqual(start.slice(0, 4));
    expect(expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: 0 })).actions).toEqual(start.slice(0, 3));
  });

  it("O6: a cancellation during the follow-ups keeps the first one only (and the SMS sent with it)", () => {
    const result = expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: 12 * DAY_MS }));
    expect(result.actions).toEqual([...start, followUps[0]]);
    expect(result.endedAt).toBe(day(12));
    const texted = expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: 12 * DAY_MS }, textable));
    expect(texted.actions).toEqual([...start, followUps[0], smsReminder]);
  });

  it("O6 O8: a cancellation before the deadline stops the SMS; exactly at it, the SMS is sent first", () => {
    const before = customer({ kind: "cancels", cancelAfterMs: 10 * DAY_MS - 1 }, textable);
    expect(expectedOnboarding(before).actions).toEqual(start);
    const at = customer({ kind: "cancels", cancelAfterMs: 10 * DAY_MS }, textable);
    expect(expectedOnboarding(at).actions).toEqual([...start, followUps[0], smsReminder]);
  });

  it("O6 O8: a cancellation after the journey ended, or exactly when it ends, changes nothing", () => {
    expect(expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: 20 * DAY_MS })).path).toBe("not-engaged");
    expect(expectedOnboarding(customer({ kind: "cancels", cancelAfterMs: 13 * DAY_MS })).status).toBe("completed");
  });

  it("O7: activating a feature while in the journey converts; after it ended does not", () => {
    const during = expectedOnboarding(
      customer({ kind: "logs-in", loginAfterMs: 4 * DAY_MS, activatesAfterMs: 4 * DAY_MS + HOUR_MS }),
    );
    expect(during).toMatchObject({
      converted: true,
      status: "completed",
      actions: [...start, recommendationsAt(day(5))],
    });
    const after = expectedOnboarding(
      customer({ kind: "logs-in", loginAfterMs: 4 * DAY_MS, activatesAfterMs: 5 * DAY_MS + HOUR_MS }),
    );
    expect(after.converted).toBe(false);
  });

  it("uses the purchase time it is given", () => {
    const later = t0 + 7 * HOUR_MS;
    const [first] = expectedOnboarding(customer({ kind: "ignores" }), later).actions;
    expect(first).toEqual({ stepId: "welcome-email", type: "email", at: later });
  });

  it("gives every synthetic customer a well-formed, time-ordered plan", () => {
    const counts = { engaged: 0, "not-engaged": 0, cancelled: 0, texted: 0 };
    for (const c of syntheticCustomers({ count: 5_000, seed: 99, startAt: t0 })) {
      const result = expectedOnboarding(c);
      counts[result.path]++;
      if (result.actions.some((a) => a.type === "sms")) counts.texted++;
      expect(result.actions[0]).toEqual({ stepId: "welcome-email", type: "email", at: c.purchaseAt });
      for (let i = 1; i < result.actions.length; i++)
        expect(result.actions[i]!.at).toBeGreaterThanOrEqual(result.actions[i - 1]!.at);
      expect(result.actions.at(-1)!.at).toBeLessThanOrEqual(result.endedAt);
    }
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(250);
  });
});
