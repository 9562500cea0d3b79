import { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { enteredByPurchase } from "./simulate-journey.ts";

const journey = (trigger: unknown) =>
  JourneyDocument.parse({
    schemaVersion: 1,
    name: "J",
    steps: [
      { id: "start", type: "trigger", trigger, next: "done" },
      { id: "done", type: "exit" },
    ],
  });

describe("enteredByPurchase", () => {
  it("keeps a journey entered by an event as it is", () => {
    const document = journey({ type: "event", event: "signed.up" });
    expect(enteredByPurchase(document)).toBe(document);
  });

  it("enters an API- or schedule-triggered journey on the synthetic purchase, keeping step ids", () => {
    for (const trigger of [{ type: "api" }, { type: "schedule", every: "1d" }]) {
      const simulated = enteredByPurchase(journey(trigger));
      expect(simulated.steps[0]).toMatchObject({ id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "done" });
      expect(simulated.steps.map((s) => s.id)).toEqual(["start", "done"]);
    }
  });
});
