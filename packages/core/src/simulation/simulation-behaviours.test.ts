import { describe, expect, it } from "vitest";
import { JourneyDocument } from "../model/journey.ts";
import { RENEWAL } from "./renewal.fixture.ts";
import { SIMULATED_ENTRY_EVENT, simulationBehaviours, toSimulationModel } from "./simulation-behaviours.ts";

describe("simulationBehaviours (issue 15, defect 3)", () => {
  it("derives every event the journey starts on, waits for, counts as its goal or leaves on", () => {
    const { events } = simulationBehaviours(RENEWAL);
    expect(events.map((e) => [e.event, e.entry, e.share])).toEqual([
      ["subscription.renewal_due", true, 100],
      ["subscription.renewed", false, 50],
      ["account.cancelled", false, 10],
    ]);
    expect(events[1]?.why).toEqual(['waited for at "Renewed?"', "reaches the goal"]);
  });

  it("times a waited-for event from when customers reach the wait, past its timeout, so both exits are taken", () => {
    const renewed = simulationBehaviours(RENEWAL).events.find((e) => e.event === "subscription.renewed");
    expect(renewed?.delay).toEqual({ from: "1d", to: "5d12h" });
  });

  it("gives the trigger's properties and the branch's attributes values on both sides of each test", () => {
    const { events, attributes } = simulationBehaviours(RENEWAL);
    expect(events[0]?.properties).toEqual([
      { property: "amount", values: { type: "range", min: 24.99, max: 74.99 } },
      { property: "plan", values: { type: "one-of", values: ["pro", "team", "other"] } },
    ]);
    expect(attributes).toEqual([
      { attribute: "seats", values: { type: "range", min: 25, max: 75 }, why: ['tested at "Big account?"'] },
    ]);
  });

  it("enters a journey started by an API call or a schedule on a stand-in event", () => {
    const document = JourneyDocument.parse({
      ...RENEWAL,
      steps: [{ ...RENEWAL.steps[0], trigger: { type: "api" } }, ...RENEWAL.steps.slice(1)],
    });
    expect(simulationBehaviours(document).events[0]).toMatchObject({
      event: SIMULATED_ENTRY_EVENT,
      entry: true,
      properties: [],
    });
  });

  it("reads a draft as the editor saved it, before the schema's defaults: a new journey has no settings yet", () => {
    // Regression (issue 15, the measure): the Simulate dialog of a journey made on the journeys screen failed to open.
    const draft = { schemaVersion: 1, name: "New", steps: [RENEWAL.steps[0]] } as unknown as JourneyDocument;
    expect(simulationBehaviours(draft).events.map((e) => e.event)).toEqual(["subscription.renewal_due"]);
  });

  it("counts content views with topics and time spent for a top-topic branch", () => {
    const document = JourneyDocument.parse({
      schemaVersion: 1,
      name: "Topics",
      steps: [
        { id: "t", type: "trigger", trigger: { type: "event", event: "signed.up" }, next: "b" },
        {
          id: "b",
          type: "branch",
          arms: [{ id: "billing", label: "Billing", condition: { type: "top-topic", topic: "billing" }, next: "x" }],
          else: { next: "x" },
        },
        { id: "x", type: "exit" },
      ],
    });
    expect(simulationBehaviours(document).events[1]).toMatchObject({
      event: "content.viewed",
      properties: [
        { property: "topic", values: { type: "one-of", values: ["billing", "other"] } },
        { property: "dwellMs", values: { type: "range", min: 5_000, max: 600_000 } },
      ],
    });
  });

  it("takes the user's saved edits over the defaults, and drops what the journey no longer uses", () => {
    const edited = simulationBehaviours(RENEWAL);
    const [due] = edited.events;
    if (!due) throw new Error("no trigger behaviour");
    due.share = 0;
    due.properties = [{ property: "plan", values: { type: "one-of", values: ["pro"] } }];
    const model = toSimulationModel(edited);
    model.events.push({ event: "gone.event", share: 5, delay: { from: "0m", to: "1d" }, properties: [] });
    const saved = JourneyDocument.parse({ ...RENEWAL, settings: { ...RENEWAL.settings, simulation: model } });
    const { events } = simulationBehaviours(saved);
    expect(events.map((e) => e.event)).not.toContain("gone.event");
    expect(events[0]?.share).toBe(0);
    // Properties still tested keep their defaults when the saved model does not have them.
    expect(events[0]?.properties.map((p) => p.values)).toEqual([
      { type: "range", min: 24.99, max: 74.99 },
      { type: "one-of", values: ["pro"] },
    ]);
  });
});
