import { readFileSync } from "node:fs";
import { type JourneyDocument, JourneyDocument as JourneyDocumentSchema, validateJourney } from "@overture/core";
import { describe, expect, it } from "vitest";
import { journeyHistoryReducer, startHistory } from "./journey-history.ts";
import { applyJourneyChange } from "./journey-reducer.ts";
import { newStep } from "./new-step.ts";
import { stepExits } from "./step-exits.ts";
import { tidyDocument } from "./tidy-layout.ts";
import { diffVersions } from "./version-diff.ts";

const onboarding = JourneyDocumentSchema.parse(
  JSON.parse(readFileSync(new URL("../../../../examples/onboarding/journey.json", import.meta.url), "utf8")),
);

const tiny: JourneyDocument = JourneyDocumentSchema.parse({
  schemaVersion: 1,
  name: "Tiny",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "hello" },
    { id: "hello", type: "email", subject: "Hi", body: "<mjml></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
});

const step = (doc: JourneyDocument, id: string) => doc.steps.find((s) => s.id === id);

describe("applyJourneyChange", () => {
  it("adds a step with a free id and connects it from the exit it was dragged out of", () => {
    const doc = applyJourneyChange(tiny, {
      type: "add-step",
      step: newStep("wait", "hello"),
      from: { stepId: "hello", exit: "next" },
    });
    expect(doc.steps.map((s) => s.id)).toEqual(["start", "hello", "done", "hello-2"]);
    expect(step(doc, "hello")).toMatchObject({ next: "hello-2" });
    expect(tiny.steps).toHaveLength(3);
  });

  it("removes steps and disconnects every exit that led to them", () => {
    const doc = applyJourneyChange(tiny, { type: "remove-steps", stepIds: ["hello"] });
    expect(doc.steps.map((s) => s.id)).toEqual(["start", "done"]);
    expect(step(doc, "start")).toMatchObject({ next: null });
  });

  it("connects named exits: wait-for-event timeout, branch arms and else, split arms", () => {
    let doc = applyJourneyChange(tiny, { type: "add-step", step: newStep("wait-for-event", "w") });
    doc = applyJourneyChange(doc, { type: "connect", stepId: "w", exit: "timeout", target: "done" });
    expect(step(doc, "w")).toMatchObject({ next: null, timeoutNext: "done" });
    doc = applyJourneyChange(doc, { type: "add-step", step: newStep("branch", "b") });
    doc = applyJourneyChange(doc, { type: "connect", stepId: "b", exit: "yes", target: "hello" });
    doc = applyJourneyChange(doc, { type: "connect", stepId: "b", exit: "else", target: "done" });
    expect(stepExits(step(doc, "b")!).map((e) => [e.exit, e.target])).toEqual([
      ["yes", "hello"],
      ["else", "done"],
    ]);
    doc = applyJourneyChange(doc, { type: "add-step", step: newStep("split", "s") });
    doc = applyJourneyChange(doc, { type: "connect", stepId: "s", exit: "b", target: "w" });
    expect(stepExits(step(doc, "s")!).map((e) => e.target)).toEqual([null, "w"]);
  });

  it("ignores a connection to a step that does not exist", () => {
    expect(applyJourneyChange(tiny, { type: "connect", stepId: "start", exit: "next", target: "nowhere" })).toBe(tiny);
  });

  it("moves a step and changes nothing else", () => {
    const doc = applyJourneyChange(tiny, { type: "move", stepId: "hello", position: { x: 5, y: 7 } });
    expect(step(doc, "hello")).toEqual({ ...step(tiny, "hello"), position: { x: 5, y: 7 } });
  });

  it("updates a step's fields; a new id is followed by every exit leading to it, a taken id is refused", () => {
    const hello = step(tiny, "hello")!;
    let doc = applyJourneyChange(tiny, {
      type: "update-step",
      stepId: "hello",
      step: { ...hello, id: "welcome", name: "Welcome" },
    });
    expect(step(doc, "start")).toMatchObject({ next: "welcome" });
    expect(step(doc, "welcome")).toMatchObject({ name: "Welcome", next: "done" });
    doc = applyJourneyChange(doc, {
      type: "update-step",
      stepId: "welcome",
      step: { ...step(doc, "welcome")!, id: "done" },
    });
    expect(doc.steps.map((s) => s.id)).toEqual(["start", "welcome", "done"]);
  });

  it("pastes copies with fresh ids, keeping exits inside the copy and cutting exits out of it", () => {
    const copied = tiny.steps.filter((s) => s.id !== "start").map((s) => ({ ...s, position: { x: 0, y: 100 } }));
    const doc = applyJourneyChange(tiny, { type: "paste", steps: copied, offset: { x: 40, y: 40 } });
    expect(doc.steps.map((s) => s.id)).toEqual(["start", "hello", "done", "hello-2", "done-2"]);
    expect(step(doc, "hello-2")).toMatchObject({ next: "done-2", position: { x: 40, y: 140 } });
    const pastedAlone = applyJourneyChange(tiny, {
      type: "paste",
      steps: [step(tiny, "hello")!],
      offset: { x: 0, y: 0 },
    });
    expect(step(pastedAlone, "hello-2")).toMatchObject({ next: null });
  });

  it("replaces the journey's settings (exit criteria, goal) and nothing else", () => {
    const settings = { ...tiny.settings, exitCriteria: [{ event: "account.cancelled" }] };
    const doc = applyJourneyChange(tiny, { type: "update-settings", settings });
    expect(doc.settings.exitCriteria).toEqual([{ event: "account.cancelled" }]);
    expect(doc.steps).toBe(tiny.steps);
    expect(tiny.settings.exitCriteria).toEqual([]);
  });

  it("tidies the layout in layers top-down, arms side by side, without changing the journey's meaning", async () => {
    const doc = await tidyDocument(onboarding);
    const y = (id: string) => step(doc, id)?.position?.y ?? Number.NaN;
    expect(y("purchase")).toBe(Math.min(...doc.steps.map((s) => y(s.id))));
    expect(y("welcome-email")).toBeGreaterThan(y("purchase"));
    for (const s of doc.steps) for (const e of stepExits(s)) if (e.target) expect(y(e.target)).not.toBe(y(s.id));
    const positions = doc.steps.map((s) => `${s.position?.x},${s.position?.y}`);
    expect(new Set(positions).size).toBe(positions.length);
    expect(validateJourney(doc).problems).toEqual(validateJourney(onboarding).problems);
  });
});

describe("journeyHistoryReducer", () => {
  it("undoes and redoes changes; a new change clears what could be redone", () => {
    let h = startHistory(tiny);
    h = journeyHistoryReducer(h, { type: "apply", change: { type: "remove-steps", stepIds: ["done"] } });
    h = journeyHistoryReducer(h, { type: "apply", change: { type: "rename-journey", name: "Renamed" } });
    h = journeyHistoryReducer(h, { type: "undo" });
    expect(h.present.name).toBe("Tiny");
    h = journeyHistoryReducer(h, { type: "undo" });
    expect(h.present).toBe(tiny);
    h = journeyHistoryReducer(h, { type: "redo" });
    expect(h.present.steps).toHaveLength(2);
    h = journeyHistoryReducer(h, {
      type: "apply",
      change: { type: "tidy-layout", direction: "vertical", positions: {} },
    });
    expect(journeyHistoryReducer(h, { type: "redo" })).toBe(h);
  });

  it("makes one undo step of changes sharing a key (a drag, typing in a field)", () => {
    let h = startHistory(tiny);
    for (const x of [1, 2, 3])
      h = journeyHistoryReducer(h, {
        type: "apply",
        change: { type: "move", stepId: "hello", position: { x, y: 0 } },
        key: "drag-1",
      });
    expect(h.past).toHaveLength(1);
    expect(journeyHistoryReducer(h, { type: "undo" }).present).toBe(tiny);
  });
});

describe("diffVersions", () => {
  it("lists steps added, removed and changed by id, ignoring positions", async () => {
    let draft = await tidyDocument(onboarding);
    draft = applyJourneyChange(draft, { type: "remove-steps", stepIds: ["wait-1d"] });
    draft = applyJourneyChange(draft, { type: "add-step", step: newStep("goal", "bought-again") });
    const diff = diffVersions(onboarding, draft);
    expect(diff.added.map((s) => s.id)).toEqual(["bought-again"]);
    expect(diff.removed.map((s) => s.id)).toEqual(["wait-1d"]);
    expect(diff.changed.map((s) => s.id)).toEqual(["dashboard-hero"]);
    expect(diffVersions(null, tiny).added).toHaveLength(3);
  });

  it("does not count edited simulated behaviours as a change to publish (issue 15, defect 3)", () => {
    const simulation = {
      events: [{ event: "purchase.completed", share: 0, delay: { from: "0h", to: "1d" }, properties: [] }],
      attributes: [],
    };
    const draft = applyJourneyChange(onboarding, {
      type: "update-settings",
      settings: { ...onboarding.settings, simulation },
    });
    expect(diffVersions(onboarding, draft).settingsChanged).toBe(false);
    const goal = applyJourneyChange(onboarding, {
      type: "update-settings",
      settings: { ...onboarding.settings, goal: undefined },
    });
    expect(diffVersions(onboarding, goal).settingsChanged).toBe(true);
  });
});

describe("newStep", () => {
  it("makes a step of every palette type that fits the step schema", async () => {
    const { Step } = await import("@overture/core");
    const { stepTypes } = await import("./new-step.ts");
    for (const type of stepTypes()) expect(Step.safeParse(newStep(type, type)).success, type).toBe(true);
  });
});

describe("needsTidy", () => {
  it("is true when steps overlap or lack a position, false once tidied", async () => {
    const { needsTidy } = await import("./tidy-layout.ts");
    expect(needsTidy(onboarding.steps)).toBe(true);
    expect(needsTidy((await tidyDocument(onboarding)).steps)).toBe(false);
    expect(needsTidy(tiny.steps)).toBe(true);
  });
});

describe("tidyDocument", () => {
  it("lays out a 60-step journey with branches without two steps overlapping", async () => {
    const { needsTidy } = await import("./tidy-layout.ts");
    let doc: JourneyDocument = { ...tiny, steps: [tiny.steps[0]!] };
    let tips = ["start"];
    for (let i = 0; doc.steps.length < 60; i++) {
      const next: string[] = [];
      for (const tip of tips) {
        const type = i % 3 === 2 ? "split" : "wait";
        const id = `${type}-${i}-${tip}`;
        const exit =
          doc.steps.find((s) => s.id === tip)?.type === "split" ? (next.length % 2 === 0 ? "a" : "b") : "next";
        doc = applyJourneyChange(doc, { type: "add-step", step: newStep(type, id), from: { stepId: tip, exit } });
        next.push(id);
        if (type === "split") next.push(id);
      }
      tips = next.slice(0, 8);
    }
    doc = await tidyDocument(doc);
    expect(doc.steps.length).toBeGreaterThanOrEqual(60);
    expect(new Set(doc.steps.map((s) => s.position?.x)).size).toBeGreaterThan(4);
    expect(needsTidy(doc.steps)).toBe(false);
  });
});
