import { JourneyDocument, simulationBehaviours, toSimulationModel, validateJourney } from "@overture/core";
import { describe, expect, it } from "vitest";
import { simulateJourney } from "../src/simulation/simulate-journey.ts";
import { RENEWAL_REMINDER } from "./fixtures/renewal-reminder.ts";
import { openTestRuntime } from "./helpers.ts";

/** The renewal reminder with the user's edits to its simulated behaviours saved in its settings. */
function edited(edit: (behaviours: ReturnType<typeof simulationBehaviours>) => void): JourneyDocument {
  const behaviours = simulationBehaviours(RENEWAL_REMINDER);
  edit(behaviours);
  return JourneyDocument.parse({
    ...RENEWAL_REMINDER,
    settings: { ...RENEWAL_REMINDER.settings, simulation: toSimulationModel(behaviours) },
  });
}

async function simulate(document: JourneyDocument) {
  const t = await openTestRuntime();
  try {
    return await simulateJourney({ overture: t.overture, clock: t.clock, document, customers: 300, days: 10, seed: 1 });
  } finally {
    await t.cleanup();
  }
}

describe("simulating any journey from its own behaviours (issue 15, defect 3)", () => {
  it("gets customers into a journey on another event, through its filters, and down both exits of its wait", async () => {
    expect(validateJourney(RENEWAL_REMINDER).problems).toEqual([]);
    const { stats, nobodyEntered } = await simulate(RENEWAL_REMINDER);
    // amount > 49.99 for about half, plan pro or team for about two thirds: about a third enter.
    expect(stats.entered).toBeGreaterThan(60);
    expect(stats.entered).toBeLessThan(150);
    expect(nobodyEntered).toBeUndefined();
    const wait = stats.steps.find((s) => s.stepId === "renewed");
    expect(wait?.outcomes.event).toBeGreaterThan(0);
    expect(wait?.outcomes.timeout).toBeGreaterThan(0);
    expect(stats.converted).toBe(wait?.outcomes.event);
  });

  it("says why nobody entered when the trigger event is set to 0 %", async () => {
    const document = edited((b) => {
      const due = b.events.find((e) => e.entry);
      if (due) due.share = 0;
    });
    const { stats, nobodyEntered } = await simulate(document);
    expect(stats.entered).toBe(0);
    expect(nobodyEntered).toBe(
      'Nobody entered: the journey starts on "Subscription renewal due" and the simulated customers were set to never do it (0% of customers).',
    );
  });

  it("says which filter nobody matched, counted from what the customers did", async () => {
    const document = edited((b) => {
      const amount = b.events[0]?.properties.find((p) => p.property === "amount");
      if (amount) amount.values = { type: "range", min: 10, max: 40 };
    });
    const { stats, nobodyEntered } = await simulate(document);
    expect(stats.entered).toBe(0);
    expect(nobodyEntered).toBe(
      'Nobody entered: 300 simulated customers did "Subscription renewal due", but none of them with amount is more than 49.99.',
    );
  });
});
