import { JourneyDocument, SIMULATED_ENTRY_EVENT } from "@overture/core";
import { describe, expect, it } from "vitest";
import { enteredByEvent } from "./simulate-journey.ts";

const journey = (trigger: unknown) =>
  JourneyDocument.parse({
    schemaVersion: 1,
    name: "J",
    steps: [
      { id: "start", type: "trigger", trigger, next: "done" },
      { id: "done", type: "exit" },
    ],
  });

describe("enteredByEvent", () => {
  it("keeps a journey entered by an event as it is", () => {
    const document = journey({ type: "event", event: "signed.up" });
    expect(enteredByEvent(document)).toBe(document);
  });

  it("enters an API- or schedule-triggered journey on the simulated entry event, keeping step ids", () => {
    for (const trigger of [{ type: "api" }, { type: "schedule", every: "1d" }]) {
      const simulated = enteredByEvent(journey(trigger));
      expect(simulated.steps[0]).toMatchObject({
        id: "start",
        type: "trigger",
        trigger: { type: "event", event: SIMULATED_ENTRY_EVENT },
        next: "done",
      });
      expect(simulated.steps.map((s) => s.id)).toEqual(["start", "done"]);
    }
  });
});
