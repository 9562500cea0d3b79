import { type JourneyDocument, JourneyDocument as JourneyDocumentSchema, type Step } from "@overture/core";
import { describe, expect, it } from "vitest";
import { applyJourneyChange } from "./journey-reducer.ts";
import { freeStepId, newStep } from "./new-step.ts";
import { placeAfter, placeNewStep } from "./place-after.ts";
import { stepsOverlap } from "./step-size.ts";

const waitForLogin = (next: string | null, timeoutNext: string | null): Step => ({
  id: "wait",
  type: "wait-for-event",
  events: [{ event: "portal.login" }],
  timeout: "7d",
  next,
  timeoutNext,
  position: { x: 400, y: 600 },
});

describe("placeAfter: where a step added after the selected one goes", () => {
  it("goes straight below a step with one exit, connected from it", () => {
    const email: Step = {
      id: "hello",
      type: "email",
      subject: "Hi",
      body: "",
      next: null,
      position: { x: 100, y: 40 },
    };
    expect(placeAfter(email)).toEqual({ position: { x: 100, y: 240 }, from: { stepId: "hello", exit: "next" } });
  });

  it("takes the event path of a wait for an event first, then its timeout path, side by side", () => {
    expect(placeAfter(waitForLogin(null, null))).toEqual({
      position: { x: 250, y: 800 },
      from: { stepId: "wait", exit: "next" },
    });
    expect(placeAfter(waitForLogin("thanks", null))).toEqual({
      position: { x: 550, y: 800 },
      from: { stepId: "wait", exit: "timeout" },
    });
  });

  it("fills a branch's arms and then its 'everyone else'", () => {
    const branch: Step = {
      id: "split-by",
      type: "branch",
      arms: [{ id: "pro", label: "Pro", condition: { type: "event", event: "portal.login" }, next: "a" }],
      else: { label: "Everyone else", next: null },
    };
    expect(placeAfter(branch)).toEqual({ position: { x: 150, y: 200 }, from: { stepId: "split-by", exit: "else" } });
  });

  it("connects nothing when every exit is taken, or the step has none", () => {
    expect(placeAfter(waitForLogin("thanks", "nudge"))).toEqual({ position: { x: 400, y: 800 } });
    expect(placeAfter({ id: "done", type: "exit", position: { x: 0, y: 0 } })).toEqual({ position: { x: 0, y: 200 } });
  });
});

describe("new steps never land on top of others (issue 15, defect 7)", () => {
  const chain = (): JourneyDocument => ({
    schemaVersion: 1,
    name: "Chain",
    settings: JourneyDocumentSchema.parse({ schemaVersion: 1, name: "x", steps: [] }).settings,
    steps: [
      {
        id: "start",
        type: "trigger",
        trigger: { type: "event", event: "purchase.completed" },
        next: "hello",
        position: { x: 0, y: 0 },
      },
      { id: "hello", type: "email", subject: "Hi", body: "", next: "done", position: { x: 0, y: 200 } },
      { id: "done", type: "exit", position: { x: 0, y: 400 } },
    ],
  });
  const overlapping = (steps: Step[]) => {
    const found: string[] = [];
    for (const [i, a] of steps.entries())
      for (const b of steps.slice(i + 1)) if (stepsOverlap(a, b)) found.push(`${a.id} × ${b.id}`);
    return found;
  };

  it("a step added after one whose next step sits right below goes to free room after it, not on the next step", () => {
    const document = chain();
    const added = newStep("email", "email");
    const { position, from } = placeNewStep(document, added, { after: document.steps[0] });
    expect(from).toBeUndefined();
    expect(position.y).toBeGreaterThanOrEqual(0);
    expect(overlapping([...document.steps, { ...added, position }])).toEqual([]);
  });

  it("a step dropped onto another is nudged to the nearest free room", () => {
    const document = chain();
    const added = newStep("wait", "wait");
    const { position } = placeNewStep(document, added, { dropped: { x: 10, y: 210 } });
    expect(overlapping([...document.steps, { ...added, position }])).toEqual([]);
    expect(Math.hypot(position.x - 10, position.y - 210)).toBeLessThan(400);
  });

  it.each(["vertical", "horizontal"] as const)(
    "after 120 additions (after a step, on branch arms, dropped, at the end), %s, no two steps overlap",
    (direction) => {
      let document: JourneyDocument = { ...chain(), layout: { direction } };
      const types = ["email", "branch", "wait-for-event", "split", "wait", "notification"] as const;
      for (let n = 0; n < 120; n++) {
        const type = types[n % types.length]!;
        const step = newStep(type, freeStepId(document, type));
        // A fixed walk through the steps, so the test is the same every run.
        const anchor = document.steps[(n * 7) % document.steps.length]!;
        const how = n % 4 === 0 ? { dropped: anchor.position } : n % 4 === 1 ? {} : { after: anchor };
        const { position, from } = placeNewStep(document, step, how);
        document = applyJourneyChange(document, { type: "add-step", step: { ...step, position }, from });
      }
      expect(document.steps).toHaveLength(123);
      expect(overlapping(document.steps)).toEqual([]);
    },
  );

  it("left to right, a step added after another goes to its right", () => {
    const document: JourneyDocument = { ...chain(), layout: { direction: "horizontal" }, steps: [chain().steps[0]!] };
    const { position } = placeNewStep(document, newStep("email", "email"), { after: document.steps[0] });
    expect(position).toEqual({ x: 320, y: 0 });
  });
});
