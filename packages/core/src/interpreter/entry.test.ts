import { describe, expect, it } from "vitest";
import { DAY, email, T0, trigger, version } from "../../test/builders.ts";
import { apiTrigger, createInstance, matchTrigger, mayEnter, SCHEDULE_EVENT } from "./entry.ts";

const withSettings = (settings: Parameters<typeof version>[1]) =>
  version([trigger("t", "e"), email("e", null)], settings);
const before = (count: number, lastEnteredAt: number | null, active = false) => ({ count, lastEnteredAt, active });

describe("entry rules", () => {
  it("E1: the first entry is always allowed", () => {
    for (const reentry of ["never", "always", "after"] as const) {
      expect(mayEnter(withSettings({ reentry, reentryAfter: "7d" }), before(0, null), T0)).toEqual({ allowed: true });
    }
  });

  it("E2: with re-entry 'never', a second entry is refused", () => {
    const verdict = mayEnter(withSettings({ reentry: "never" }), before(1, T0 - 365 * DAY), T0);
    expect(verdict).toEqual({ allowed: false, reason: "already entered; re-entry is not allowed" });
  });

  it("E3: an entry in progress refuses a new one, unless concurrent entries are allowed", () => {
    expect(mayEnter(withSettings({ reentry: "always" }), before(1, T0 - DAY, true), T0)).toEqual({
      allowed: false,
      reason: "already in the journey",
    });
    expect(
      mayEnter(withSettings({ reentry: "always", allowConcurrentEntries: true }), before(1, T0 - DAY, true), T0),
    ).toEqual({ allowed: true });
  });

  it("E4: with re-entry 'after', a new entry waits until the time has passed", () => {
    const v = withSettings({ reentry: "after", reentryAfter: "7d" });
    expect(mayEnter(v, before(1, T0), T0 + 7 * DAY - 1)).toEqual({
      allowed: false,
      reason: "entered less than 7d ago",
    });
    expect(mayEnter(v, before(1, T0), T0 + 7 * DAY)).toEqual({ allowed: true });
    expect(mayEnter(v, before(3, T0), T0 + 30 * DAY)).toEqual({ allowed: true });
  });

  it("E5: with re-entry 'always', a customer may enter again at once", () => {
    expect(mayEnter(withSettings({ reentry: "always" }), before(4, T0), T0)).toEqual({ allowed: true });
  });

  it("E6: matchTrigger takes the first event trigger whose name and conditions match", () => {
    const v = version([
      { id: "api", type: "trigger", trigger: { type: "api" }, next: "e" },
      trigger("pro", "e", "purchase.completed", { where: [{ property: "plan.tier", op: "eq", value: "pro" }] }),
      trigger("any", "e", "purchase.completed"),
      { id: "daily", type: "trigger", trigger: { type: "schedule", every: "1d" }, next: "e" },
      email("e", null),
    ]);
    expect(matchTrigger(v, { name: "purchase.completed", properties: { plan: { tier: "pro" } } })?.id).toBe("pro");
    expect(matchTrigger(v, { name: "purchase.completed", properties: { plan: { tier: "free" } } })?.id).toBe("any");
    expect(matchTrigger(v, { name: "signup", properties: {} })).toBeUndefined();
    expect(apiTrigger(v)?.id).toBe("api");
    expect(apiTrigger(withSettings({}))).toBeUndefined();
  });

  it("E8: a schedule trigger matches only the scheduler's event naming its journey and step", () => {
    const v = version([
      trigger("any", "e", "purchase.completed"),
      { id: "daily", type: "trigger", trigger: { type: "schedule", every: "1d" }, next: "e" },
      email("e", null),
    ]);
    expect(matchTrigger(v, { name: SCHEDULE_EVENT, properties: { journeyId: v.journeyId, stepId: "daily" } })?.id).toBe(
      "daily",
    );
    expect(
      matchTrigger(v, { name: SCHEDULE_EVENT, properties: { journeyId: "other", stepId: "daily" } }),
    ).toBeUndefined();
    expect(
      matchTrigger(v, { name: SCHEDULE_EVENT, properties: { journeyId: v.journeyId, stepId: "any" } }),
    ).toBeUndefined();
  });

  it("E7: a new instance is at its trigger step, active, seq 0, with the entering event in its context", () => {
    const v = withSettings({});
    const instance = createInstance({
      id: "i1",
      version: v,
      customerId: "c1",
      entry: 2,
      triggerStepId: "t",
      event: { name: "signup", properties: { plan: "pro" } },
      now: T0,
    });
    expect(instance).toEqual({
      id: "i1",
      journeyId: "j1",
      version: 1,
      customerId: "c1",
      entry: 2,
      status: "active",
      stepId: "t",
      waiting: null,
      enteredAt: T0,
      updatedAt: T0,
      seq: 0,
      converted: false,
      exitReason: null,
      context: { trigger: { name: "signup", properties: { plan: "pro" } } },
    });
    const byApi = createInstance({
      id: "i2",
      version: v,
      customerId: "c1",
      entry: 1,
      triggerStepId: "t",
      event: null,
      now: T0,
    });
    expect(byApi.context).toEqual({ trigger: null });
  });
});
