import { describe, expect, it } from "vitest";
import { explainNobodyEntered } from "./explain-no-entry.ts";
import { RENEWAL } from "./renewal.fixture.ts";
import { simulationBehaviours } from "./simulation-behaviours.ts";

const amount = { property: "amount", op: "gt" as const, value: 49.99 };
const plan = { property: "plan", op: "in" as const, value: ["pro", "team"] };
const tally = (sent: number, matched: [number, number], matchedAll: number) => ({
  stepId: "due",
  event: "subscription.renewal_due",
  sent,
  tests: [
    { test: amount, matched: matched[0] },
    { test: plan, matched: matched[1] },
  ],
  matchedAll,
});

describe("explainNobodyEntered (issue 15, defect 3)", () => {
  const behaviours = simulationBehaviours(RENEWAL);

  it("names a trigger event set to 0 %", () => {
    const never = { ...behaviours, events: behaviours.events.map((e) => (e.entry ? { ...e, share: 0 } : e)) };
    expect(explainNobodyEntered([tally(0, [0, 0], 0)], never, 30)).toBe(
      'Nobody entered: the journey starts on "Subscription renewal due" and the simulated customers were set to never do it (0% of customers).',
    );
  });

  it("names an event that falls after the simulated days", () => {
    const late = {
      ...behaviours,
      events: behaviours.events.map((e) => (e.entry ? { ...e, delay: { from: "40d", to: "50d" } } : e)),
    };
    expect(explainNobodyEntered([tally(0, [0, 0], 0)], late, 30)).toBe(
      'Nobody entered: no simulated customer did "Subscription renewal due" within the 30 simulated days (set to happen 40 days to 50 days after the start).',
    );
  });

  it("names the filter nobody matched, or says they never matched together", () => {
    expect(explainNobodyEntered([tally(200, [0, 130], 0)], behaviours, 30)).toBe(
      'Nobody entered: 200 simulated customers did "Subscription renewal due", but none of them with amount is more than 49.99.',
    );
    expect(explainNobodyEntered([tally(200, [90, 110], 0)], behaviours, 30)).toContain(
      'none matched every filter at once (90 had amount is more than 49.99, 110 had plan is one of "pro", "team")',
    );
  });
});
