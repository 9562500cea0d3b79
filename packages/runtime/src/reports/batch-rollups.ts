import { type CustomerEvent, ENTERED_REASON, type Instance, type Json, type Transition } from "@overture/core";
import { METRIC, type RollupFold } from "../store/report-rollups.ts";

/** The instance context key where the interpreter records the arm each split gave the customer. */
export const SPLITS_CONTEXT_KEY = "splits";

/**
 * The report counters of one interpreter call: for each conversion, its time since entry and the split arms the
 * customer took before it (so the arms' conversions are counted as they happen, not joined at read time).
 */
export function foldTransitions(fold: RollupFold, workspaceId: string, instance: Instance, steps: Transition[]): void {
  for (const t of steps) {
    if (t.kind === "step" && t.reason === ENTERED_REASON) {
      fold.add(workspaceId, instance.journeyId, t.at, t.stepId, METRIC.entered, "");
      continue;
    }
    if (t.kind !== "goal") continue;
    fold.add(
      workspaceId,
      instance.journeyId,
      t.at,
      "",
      METRIC.convertMs,
      t.outcome,
      Math.max(0, t.at - instance.enteredAt),
    );
    fold.add(workspaceId, instance.journeyId, t.at, "", METRIC.convertN, t.outcome);
    const splits = instance.context[SPLITS_CONTEXT_KEY];
    if (!isRecord(splits)) continue;
    for (const [stepId, arm] of Object.entries(splits))
      if (typeof arm === "string") fold.add(workspaceId, instance.journeyId, t.at, stepId, METRIC.splitConverted, arm);
  }
}

const ENGAGEMENT: Record<string, (typeof METRIC)[keyof typeof METRIC]> = {
  "email.opened": METRIC.opened,
  "email.clicked": METRIC.clicked,
  "email.unsubscribed": METRIC.unsubscribed,
  "email.complained": METRIC.complained,
};

/**
 * The report counters of an event as the engine takes it off the queue: a tracked email's open, click, unsubscribe
 * or complaint counts for the message's step; a content view for its content item (views and dwell time).
 */
export function foldEvent(fold: RollupFold, workspaceId: string, event: CustomerEvent): void {
  const p = event.properties;
  const metric = ENGAGEMENT[event.name];
  if (metric) {
    if (typeof p.journeyId !== "string" || typeof p.stepId !== "string") return;
    fold.add(workspaceId, p.journeyId, event.at, p.stepId, metric, channelOf(event.name, p));
    return;
  }
  if (event.name === "content.viewed" && typeof p.contentId === "string") {
    fold.add(workspaceId, "", event.at, p.contentId, METRIC.contentViews, "");
    const dwell = typeof p.dwellMs === "number" && Number.isFinite(p.dwellMs) ? Math.max(0, Math.round(p.dwellMs)) : 0;
    if (dwell > 0) fold.add(workspaceId, "", event.at, p.contentId, METRIC.contentDwell, "", dwell);
  }
}

function channelOf(name: string, properties: Record<string, Json>): string {
  return typeof properties.channel === "string" ? properties.channel : (name.split(".")[0] ?? "");
}

function isRecord(value: Json | undefined): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
