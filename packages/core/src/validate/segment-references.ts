import type { Condition } from "../model/condition.ts";
import type { JourneySettings } from "../model/journey.ts";
import type { Step } from "../model/step.ts";
import type { JourneyCatalog, JourneyProblem } from "./journey-problem.ts";
import { problem } from "./problem-text.ts";

function unknown(segmentId: string, where: string, path: string, stepId?: string): JourneyProblem {
  const message = `${where} names the segment '${segmentId}', which does not exist (it may have been deleted): pick another segment`;
  return problem("unknown-segment", message, path, stepId);
}

function conditionSegments(condition: Condition, path: string, out: Array<{ id: string; path: string }>): void {
  switch (condition.type) {
    case "segment":
      out.push({ id: condition.segmentId, path: `${path}.segmentId` });
      return;
    case "not":
      conditionSegments(condition.condition, `${path}.condition`, out);
      return;
    case "all":
    case "any":
      condition.conditions.forEach((c, i) => {
        conditionSegments(c, `${path}.conditions[${i}]`, out);
      });
      return;
    default:
      return;
  }
}

/**
 * Segments a step names (a segment trigger, a schedule's audience, an "is in segment" arm) that the catalog does not
 * list: a problem on that step. Not checked when the catalog gives no segments.
 */
export function stepSegmentProblems(step: Step, at: string, where: string, catalog: JourneyCatalog): JourneyProblem[] {
  if (!catalog.segments) return [];
  const known = new Set(catalog.segments.map((s) => s.id));
  const named: Array<{ id: string; path: string }> = [];
  if (step.type === "trigger" && step.trigger.type === "segment")
    named.push({ id: step.trigger.segmentId, path: `${at}.trigger.segmentId` });
  if (step.type === "trigger" && step.trigger.type === "schedule" && step.trigger.audience !== "all-customers")
    named.push({ id: step.trigger.audience.segmentId, path: `${at}.trigger.audience.segmentId` });
  if (step.type === "branch")
    step.arms.forEach((arm, j) => {
      conditionSegments(arm.condition, `${at}.arms[${j}].condition`, named);
    });
  return named.filter((n) => !known.has(n.id)).map((n) => unknown(n.id, where, n.path, step.id));
}

/** "Leaves a segment" exit criteria naming a segment the catalog does not list. */
export function exitSegmentProblems(settings: unknown, catalog: JourneyCatalog): JourneyProblem[] {
  if (!catalog.segments) return [];
  const known = new Set(catalog.segments.map((s) => s.id));
  const criteria = (settings as Partial<JourneySettings> | null)?.exitCriteria;
  if (!Array.isArray(criteria)) return [];
  return criteria.flatMap((c, i) =>
    c &&
    typeof c === "object" &&
    "leavesSegment" in c &&
    typeof c.leavesSegment === "string" &&
    !known.has(c.leavesSegment)
      ? [unknown(c.leavesSegment, "An exit criterion", `settings.exitCriteria[${i}].leavesSegment`)]
      : [],
  );
}
