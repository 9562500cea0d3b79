import type { JourneyDocument, Step } from "@overture/core";
import type { JourneyChange } from "./journey-change.ts";
import { freeStepId } from "./new-step.ts";
import { mapExits, setExit } from "./step-exits.ts";

/** The document after one change; the input is never modified. Changes naming steps that are gone do nothing. */
export function applyJourneyChange(document: JourneyDocument, change: JourneyChange): JourneyDocument {
  const withSteps = (steps: Step[]) => ({ ...document, steps });
  switch (change.type) {
    case "add-step": {
      const id = freeStepId(document, change.step.id);
      const steps = [...document.steps, { ...change.step, id }];
      const from = change.from;
      return withSteps(from ? steps.map((s) => (s.id === from.stepId ? setExit(s, from.exit, id) : s)) : steps);
    }
    case "remove-steps": {
      const gone = new Set(change.stepIds);
      return withSteps(
        document.steps.filter((s) => !gone.has(s.id)).map((s) => mapExits(s, (t) => (gone.has(t) ? null : t))),
      );
    }
    case "connect":
      if (change.target !== null && !document.steps.some((s) => s.id === change.target)) return document;
      return withSteps(
        document.steps.map((s) => (s.id === change.stepId ? setExit(s, change.exit, change.target) : s)),
      );
    case "move":
      return withSteps(document.steps.map((s) => (s.id === change.stepId ? { ...s, position: change.position } : s)));
    case "update-step": {
      const updated = renameIfNeeded(document, change.stepId, change.step);
      return withSteps(
        document.steps
          .map((s) => (s.id === change.stepId ? updated : s))
          .map((s) => retarget(s, change.stepId, updated.id)),
      );
    }
    case "paste":
      return withSteps([...document.steps, ...pastedSteps(document, change.steps, change.offset)]);
    case "tidy-layout":
      return {
        ...withSteps(
          document.steps.map((s) => ({ ...s, position: change.positions[s.id] ?? s.position ?? { x: 0, y: 0 } })),
        ),
        layout: { ...document.layout, direction: change.direction },
      };
    case "rename-journey":
      return { ...document, name: change.name };
    case "update-settings":
      return { ...document, settings: change.settings };
  }
}

/** A step given a new id keeps it only when it is free; otherwise the old id stays. */
function renameIfNeeded(document: JourneyDocument, oldId: string, step: Step): Step {
  if (step.id === oldId || !document.steps.some((s) => s.id === step.id)) return step;
  return { ...step, id: oldId };
}

function retarget(step: Step, oldId: string, newId: string): Step {
  return oldId === newId ? step : mapExits(step, (t) => (t === oldId ? newId : t));
}

/**
 * Copies of `steps` with ids free in the document; exits between copied steps follow the copies, exits to
 * steps outside the copy are cut, so a paste never changes the steps already there.
 */
function pastedSteps(document: JourneyDocument, steps: Step[], offset: { x: number; y: number }): Step[] {
  const ids = new Map<string, string>();
  let growing = document;
  for (const step of steps) {
    const id = freeStepId(growing, step.id);
    ids.set(step.id, id);
    growing = { ...growing, steps: [...growing.steps, { ...step, id }] };
  }
  return steps.map((step) => {
    const position = step.position ? { x: step.position.x + offset.x, y: step.position.y + offset.y } : undefined;
    const copy = mapExits({ ...step, id: ids.get(step.id) ?? step.id }, (t) => ids.get(t) ?? null);
    return position ? { ...copy, position } : copy;
  });
}
