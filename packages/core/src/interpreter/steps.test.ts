import { describe, expect, it } from "vitest";
import {
  actionSteps,
  branch,
  customer,
  DAY,
  email,
  enter,
  event,
  HOUR,
  notification,
  personalize,
  recommend,
  split,
  start,
  T0,
  trigger,
  updateProfile,
  version,
  webhook,
} from "../../test/builders.ts";
import type { CustomerFacts, Outcome } from "../index.ts";
import { advance } from "./advance.ts";
import { compileJourney } from "./compile-journey.ts";
import { topTopics } from "./engagement.ts";

/** A branch with the given arms, each leading to an email named after the arm; else → "other". */
function branchJourney(arms: Array<{ id: string; condition: unknown }>) {
  return version([
    trigger("t", "b"),
    branch(
      "b",
      arms.map((a) => ({ ...a, next: `to-${a.id}` })),
      "other",
    ),
    ...arms.map((a) => email(`to-${a.id}`, null)),
    email("other", null),
  ]);
}

/** The branch outcome for a customer, entered at T0 and started at `now`. */
function taken(v: ReturnType<typeof branchJourney>, facts: CustomerFacts, now = T0): string | undefined {
  const instance = enter(v, facts, T0);
  return advance(v, instance, { type: "start" }, facts, now).transitions.find((t) => t.stepId === "b")?.outcome;
}

describe("branches", () => {
  const plan = (value: string) => ({ type: "attribute", attribute: "plan", op: "eq", value });

  it("I15: the first arm that holds wins, even when a later one holds too", () => {
    const v = branchJourney([
      { id: "pro", condition: plan("pro") },
      { id: "any-plan", condition: { type: "attribute", attribute: "plan", op: "exists" } },
    ]);
    expect(taken(v, customer("c1", { plan: "pro" }))).toBe("pro");
    expect(taken(v, customer("c1", { plan: "free" }))).toBe("any-plan");
    expect(taken(v, customer("c1", {}))).toBe("else");
  });

  it("I15: the transition says which arm was taken and why", () => {
    const v = branchJourney([{ id: "pro", condition: plan("pro") }]);
    const outcome = start(v, customer("c1", { plan: "free" }));
    expect(outcome.transitions.find((t) => t.stepId === "b")?.reason).toBe("took 'Everyone else': no arm matched");
    expect(actionSteps(outcome)).toEqual(["other"]);
  });

  it("I15: event conditions count events since the entry by default", () => {
    const v = branchJourney([{ id: "viewed", condition: { type: "event", event: "portal.viewed" } }]);
    expect(taken(v, customer("c1", {}, [event("portal.viewed", T0 - HOUR)]), T0 + DAY)).toBe("else");
    expect(taken(v, customer("c1", {}, [event("portal.viewed", T0 + HOUR)]), T0 + DAY)).toBe("viewed");
  });

  it("I15: event conditions within a window, with a count and property conditions", () => {
    const v = branchJourney([
      {
        id: "twice",
        condition: {
          type: "event",
          event: "login",
          since: { within: "1d" },
          count: { op: "gte", value: 2 },
          where: [{ property: "device", op: "eq", value: "web" }],
        },
      },
    ]);
    const now = T0 + 10 * DAY;
    const recent = (device: string) => event("login", now - HOUR, { device });
    expect(taken(v, customer("c1", {}, [recent("web"), recent("web")]), now)).toBe("twice");
    expect(taken(v, customer("c1", {}, [recent("web"), recent("app")]), now)).toBe("else");
    expect(taken(v, customer("c1", {}, [event("login", now - 2 * DAY, { device: "web" }), recent("web")]), now)).toBe(
      "else",
    );
  });

  it("I15: top topic, and all / any / not", () => {
    const v = branchJourney([
      { id: "both", condition: { type: "all", conditions: [plan("pro"), { type: "top-topic", topic: "billing" }] } },
      { id: "either", condition: { type: "any", conditions: [plan("pro"), { type: "top-topic", topic: "billing" }] } },
      { id: "not-free", condition: { type: "not", condition: plan("free") } },
    ]);
    expect(taken(v, customer("c1", { plan: "pro" }, [], { billing: 9, reports: 3 }))).toBe("both");
    expect(taken(v, customer("c1", { plan: "pro" }, [], { billing: 1, reports: 3 }))).toBe("either");
    expect(taken(v, customer("c1", { plan: "team" }, [], {}))).toBe("not-free");
    expect(taken(v, customer("c1", { plan: "free" }, [], {}))).toBe("else");
  });

  it("I1: string comparisons and topic ties do not depend on the machine's locale (bug: localeCompare)", () => {
    const v = branchJourney([
      { id: "before-a", condition: { type: "attribute", attribute: "code", op: "lt", value: "a" } },
    ]);
    // In code-unit order "B" < "a"; a locale-aware comparison puts "a" first.
    expect(taken(v, customer("c1", { code: "B" }))).toBe("before-a");
    expect(topTopics({ b: 5, a: 5, B: 5, é: 5 }, 4)).toEqual(["B", "a", "b", "é"]);
  });
});

describe("splits", () => {
  const abJourney = (a: number, b: number, journeyId = "j1", versionNumber = 1) =>
    compileJourney(
      journeyId,
      versionNumber,
      version([
        trigger("t", "s"),
        split("s", [
          { id: "a", percent: a, next: "to-a" },
          { id: "b", percent: b, next: "to-b" },
        ]),
        email("to-a", null),
        email("to-b", null),
      ]).document,
    );
  const armOf = (outcome: Outcome) => outcome.transitions.find((t) => t.stepId === "s")?.outcome;

  it("I16: the same customer always takes the same arm, in every entry and version", () => {
    const v1 = abJourney(50, 50);
    const v2 = abJourney(50, 50, "j1", 2);
    for (let i = 0; i < 50; i++) {
      const facts = customer(`c${i}`);
      const first = armOf(start(v1, facts, T0));
      const instance = { ...enter(v2, facts, T0 + 30 * DAY), id: `other-${i}`, entry: 2 };
      expect(armOf(advance(v2, instance, { type: "start" }, facts, T0 + 30 * DAY))).toBe(first);
    }
  });

  it("I16: arms get about their share of customers", () => {
    const v = abJourney(20, 80);
    let a = 0;
    for (let i = 0; i < 4000; i++) if (armOf(start(v, customer(`customer-${i}`))) === "a") a++;
    expect(a / 4000).toBeGreaterThan(0.17);
    expect(a / 4000).toBeLessThan(0.23);
  });

  it("I16: 0% gets nobody and 100% everybody", () => {
    const v = abJourney(0, 100);
    for (let i = 0; i < 200; i++) expect(armOf(start(v, customer(`c${i}`)))).toBe("b");
  });

  it("I16: the arm taken is kept in the context under splits[stepId], for the split's report", () => {
    const v = abJourney(50, 50);
    for (let i = 0; i < 20; i++) {
      const outcome = start(v, customer(`c${i}`));
      expect(outcome.instance.context.splits).toEqual({ s: armOf(outcome) });
    }
  });

  it("I16: different splits are independent", () => {
    const one = abJourney(50, 50, "journey-one");
    const two = abJourney(50, 50, "journey-two");
    let same = 0;
    for (let i = 0; i < 2000; i++)
      if (armOf(start(one, customer(`c${i}`))) === armOf(start(two, customer(`c${i}`)))) same++;
    expect(same / 2000).toBeGreaterThan(0.45);
    expect(same / 2000).toBeLessThan(0.55);
  });
});

describe("recommend, channel and profile actions", () => {
  it("I17: stores the top three topics by dwell time, the count and what it is based on", () => {
    const v = version([trigger("t", "r"), recommend("r", null, { count: 5 })]);
    const outcome = start(v, customer("c1", {}, [], { billing: 5, reports: 9, api: 1, security: 7 }));
    expect(outcome.instance.context.recommendations).toEqual({
      topics: ["reports", "security", "billing"],
      count: 5,
      basedOn: "engagement",
    });
  });

  it("I17: dwell time is summed from content.viewed events when no engagement figures are given", () => {
    const v = version([trigger("t", "r"), recommend("r", null, { into: "picks" })]);
    const facts = customer("c1", {}, [
      event("content.viewed", T0 - DAY, { topic: "api", dwellMs: 4000 }),
      event("content.viewed", T0 - DAY, { topics: ["billing", "api"], dwellSeconds: 3 }),
      event("content.viewed", T0 - DAY, { topic: "billing", dwellMs: 500 }),
    ]);
    expect(start(v, facts).instance.context.picks).toEqual({
      topics: ["api", "billing"],
      count: 3,
      basedOn: "engagement",
    });
  });

  it("I17: without engagement it uses the fallback topics", () => {
    const v = version([trigger("t", "r"), recommend("r", null, { fallbackTopics: ["getting-started"] })]);
    expect(start(v).instance.context.recommendations).toEqual({
      topics: ["getting-started"],
      count: 3,
      basedOn: "fallback",
    });
  });

  it("I17/I18: an email after a recommend sees it; an email before does not (bug: every action shared one context)", () => {
    const v = version([trigger("t", "before"), email("before", "r"), recommend("r", "after"), email("after", null)]);
    const [before, after] = start(v, customer("c1", {}, [], { billing: 5 })).actions;
    expect(before?.type === "email" && before.payload.context).toEqual({ trigger: null });
    expect(after?.type === "email" && after.payload.context).toEqual({
      trigger: null,
      recommendations: { topics: ["billing"], count: 3, basedOn: "engagement" },
    });
  });

  it("I18: each channel step writes one action for its channel with what it needs", () => {
    const v = version([
      trigger("t", "mail"),
      email("mail", "note"),
      notification("note", "slot", { expiresAfter: "3d" }),
      personalize("slot", "clear", "dashboard.hero", "onboarding-1", { for: "7d" }),
      personalize("clear", "hook", "dashboard.side", null),
      webhook("hook", "profile", "crm.onboard"),
      updateProfile("profile", null, { onboarded: true }, ["trial"]),
    ]);
    const instance = enter(v, customer(), T0, event("signup", T0, { plan: "pro" }));
    const { actions } = advance(v, instance, { type: "start" }, customer(), T0);
    const context = { trigger: { name: "signup", properties: { plan: "pro" } } };
    const ref = { journeyId: "j1", version: 1 };
    expect(actions).toEqual([
      { type: "email", key: "i-c1:mail:2", stepId: "mail", customerId: "c1", payload: { ...ref, context } },
      {
        type: "notification",
        key: "i-c1:note:3",
        stepId: "note",
        customerId: "c1",
        payload: { ...ref, context, expiresAt: T0 + 3 * DAY },
      },
      {
        type: "slot",
        key: "i-c1:slot:4",
        stepId: "slot",
        customerId: "c1",
        payload: { ...ref, slot: "dashboard.hero", contentId: "onboarding-1", until: T0 + 7 * DAY },
      },
      {
        type: "slot",
        key: "i-c1:clear:5",
        stepId: "clear",
        customerId: "c1",
        payload: { ...ref, slot: "dashboard.side", contentId: null, until: null },
      },
      {
        type: "webhook",
        key: "i-c1:hook:6",
        stepId: "hook",
        customerId: "c1",
        payload: { ...ref, endpoint: "crm.onboard", context },
      },
      {
        type: "update-profile",
        key: "i-c1:profile:7",
        stepId: "profile",
        customerId: "c1",
        set: { onboarded: true },
        unset: ["trial"],
      },
    ]);
  });
});
