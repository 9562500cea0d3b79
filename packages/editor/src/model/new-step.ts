import { channelSteps, channelStepUi } from "@overture/channels/browser";
import { type JourneyDocument, LOGIC_STEP_TYPES, type Step, type StepType } from "@overture/core";

/** The words the palette and the step's header use for the core's own step types; channels name theirs. */
const LOGIC_STEP_LABELS: Record<string, string> = {
  trigger: "Trigger",
  wait: "Wait",
  "wait-for-event": "Wait for event",
  branch: "Branch",
  split: "Split",
  recommend: "Recommend",
  "update-profile": "Update profile",
  goal: "Goal",
  exit: "Exit",
};

/** Every step type in palette order: the trigger, the registered channels' steps, then the rest. */
export function stepTypes(): StepType[] {
  return [
    "trigger",
    ...channelSteps().map((c) => c.spec.type),
    ...LOGIC_STEP_TYPES.filter((t) => t !== "trigger"),
  ] as StepType[];
}

/**
 * The classes that colour a step type (palette dot, canvas card, blueprint): `type-<type>`, and `kind-channel` for a
 * registered channel's step, so a channel added later takes the channels' colour without a line of CSS.
 */
export function stepKindClass(type: string): string {
  return channelStepUi(type) ? `type-${type} kind-channel` : `type-${type}`;
}

/** What the palette and the step's header call a step type: "Wait for event", "SMS". */
export function stepTypeLabel(type: string): string {
  return LOGIC_STEP_LABELS[type] ?? channelStepUi(type)?.spec.label ?? type;
}

/** A fresh id for a new step of `type`: "email", "email-2", … whichever is free in the document. */
export function freeStepId(document: JourneyDocument, base: string): string {
  const taken = new Set(document.steps.map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new step of `type` with sensible first values; its exits lead nowhere yet. */
export function newStep(type: StepType, id: string, position?: { x: number; y: number }): Step {
  const base = { id, name: stepTypeLabel(type), ...(position ? { position } : {}) };
  switch (type) {
    case "trigger":
      return { ...base, type, trigger: { type: "event", event: "purchase.completed" }, next: null };
    case "wait":
      return { ...base, type, wait: { type: "duration", duration: "1d" }, next: null };
    case "wait-for-event":
      return { ...base, type, events: [{ event: "portal.login" }], timeout: "7d", next: null, timeoutNext: null };
    case "branch":
      return {
        ...base,
        type,
        arms: [{ id: "yes", label: "Yes", condition: { type: "event", event: "portal.login" }, next: null }],
        else: { label: "Everyone else", next: null },
      };
    case "split":
      return {
        ...base,
        type,
        arms: [
          { id: "a", label: "A", percent: 50, next: null },
          { id: "b", label: "B", percent: 50, next: null },
        ],
      };
    case "recommend":
      return { ...base, type, count: 3, into: "recommendations", next: null };
    case "update-profile":
      return { ...base, type, set: {}, unset: [], next: null };
    case "goal":
      return { ...base, type, goal: "Converted", exit: false, next: null };
    case "exit":
      return { ...base, type };
    default: {
      // A channel's step: its module gives a new step's first values.
      const ui = channelStepUi(type);
      return { ...base, type, ...ui?.defaults, next: null } as Step;
    }
  }
}
