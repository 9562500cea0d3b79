import type { JourneyDocument, Step, StepType } from "@overture/core";

/** The words the palette and the step's header use for each step type. */
export const STEP_TYPE_LABELS: Record<StepType, string> = {
  trigger: "Trigger",
  email: "Email",
  notification: "Portal notification",
  personalize: "Personalize",
  webhook: "Webhook",
  wait: "Wait",
  "wait-for-event": "Wait for event",
  branch: "Branch",
  split: "Split",
  recommend: "Recommend",
  "update-profile": "Update profile",
  goal: "Goal",
  exit: "Exit",
};

/** A fresh id for a new step of `type`: "email", "email-2", … whichever is free in the document. */
export function freeStepId(document: JourneyDocument, base: string): string {
  const taken = new Set(document.steps.map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new step of `type` with sensible first values; its exits lead nowhere yet. */
export function newStep(type: StepType, id: string, position?: { x: number; y: number }): Step {
  const base = { id, name: STEP_TYPE_LABELS[type], ...(position ? { position } : {}) };
  switch (type) {
    case "trigger":
      return { ...base, type, trigger: { type: "event", event: "purchase.completed" }, next: null };
    case "email":
      return { ...base, type, subject: "", preheader: "", body: "", next: null };
    case "notification":
      return { ...base, type, title: "New notification", body: "", next: null };
    case "personalize":
      return { ...base, type, slot: "dashboard.hero", contentId: null, next: null };
    case "webhook":
      return { ...base, type, endpoint: "https://example.com/hook", payload: "{}", next: null };
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
  }
}
