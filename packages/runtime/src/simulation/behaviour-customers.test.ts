import { readPath, simulationBehaviours } from "@overture/core";
import { describe, expect, it } from "vitest";
import { RENEWAL_REMINDER } from "../../test/fixtures/renewal-reminder.ts";
import { behaviourCustomers } from "./behaviour-customers.ts";

const DAY = 86_400_000;
const triggers = RENEWAL_REMINDER.steps.flatMap((s) => (s.type === "trigger" ? [s] : []));
const make = (behaviours = simulationBehaviours(RENEWAL_REMINDER), count = 200) => {
  const made = behaviourCustomers(behaviours, triggers, { count, seed: 5, start: 0, until: 10 * DAY });
  return { customers: [...made.customers], tallies: made.tallies };
};

describe("behaviourCustomers (issue 15, defect 3)", () => {
  it("makes the same customers for the same seed, each event within its delay and with the drawn values", () => {
    const { customers } = make();
    expect(make().customers).toEqual(customers);
    const dues = customers.flat().filter((e) => e.name === "subscription.renewal_due");
    expect(dues).toHaveLength(200);
    for (const e of dues) {
      expect(e.at).toBeLessThanOrEqual(DAY + 1_000);
      expect(e.properties?.amount).toBeGreaterThanOrEqual(24.99);
      expect(e.properties?.amount).toBeLessThanOrEqual(74.99);
      expect(["pro", "team", "other"]).toContain(e.properties?.plan);
    }
    // About half renew, each after their own renewal was due.
    const renewed = customers.filter((c) => c.some((e) => e.name === "subscription.renewed"));
    expect(renewed.length).toBeGreaterThan(70);
    expect(renewed.length).toBeLessThan(130);
  });

  it("counts each trigger filter as the interpreter would", () => {
    const { customers, tallies } = make();
    const dues = customers.flat().filter((e) => e.name === "subscription.renewal_due");
    const [amount, plan] = tallies[0]?.tests ?? [];
    expect(amount?.matched).toBe(dues.filter((e) => (e.properties?.amount as number) > 49.99).length);
    expect(plan?.matched).toBe(dues.filter((e) => ["pro", "team"].includes(e.properties?.plan as string)).length);
    expect(tallies[0]?.matchedAll).toBe(
      dues.filter(
        (e) => (e.properties?.amount as number) > 49.99 && ["pro", "team"].includes(e.properties?.plan as string),
      ).length,
    );
  });

  it("leaves every other behaviour of each customer alike when one share is edited", () => {
    const before = make().customers;
    const edited = simulationBehaviours(RENEWAL_REMINDER);
    const renewed = edited.events.find((e) => e.event === "subscription.renewed");
    if (renewed) renewed.share = 0;
    const after = make(edited).customers;
    const without = (cs: typeof before) =>
      cs.map((c) => c.filter((e) => e.name !== "subscription.renewed").map(({ attributes: _a, ...e }) => e));
    expect(without(after)).toEqual(without(before));
    expect(after.flat().some((e) => e.name === "subscription.renewed")).toBe(false);
  });

  it("sets a nested attribute a condition names by its dotted path, on both sides of the test (issue 17)", () => {
    const behaviours = {
      events: simulationBehaviours(RENEWAL_REMINDER).events,
      attributes: [
        { attribute: "consent.sms", values: { type: "one-of" as const, values: [true, false] }, why: [] },
        { attribute: "consent.email", values: { type: "one-of" as const, values: [true] }, why: [] },
      ],
    };
    const profiles = make(behaviours).customers.map((c) => c[0]?.attributes ?? {});
    const sms = profiles.map((p) => readPath(p, "consent.sms"));
    expect(new Set(sms)).toEqual(new Set([true, false]));
    for (const p of profiles) {
      expect(p).not.toHaveProperty(["consent.sms"]);
      expect(readPath(p, "consent.email")).toBe(true);
    }
  });
});
