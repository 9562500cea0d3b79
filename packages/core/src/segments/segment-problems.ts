import { parseDuration } from "../model/duration.ts";
import { segmentNeeds } from "./segment-needs.ts";
import { segmentOrder } from "./segment-order.ts";
import type { SegmentRule, SegmentWindow } from "./segment-rule.ts";

/** Every code segmentProblems reports; stable (the API and the Audiences screen key on them; docs/errors.md). */
export const SEGMENT_PROBLEM_CODES = [
  "unknown-segment",
  "unknown-journey",
  "unknown-step",
  "segment-cycle",
  "bad-duration",
  "missing-value",
  "empty-group",
  "reads-nothing",
] as const;
export type SegmentProblemCode = (typeof SEGMENT_PROBLEM_CODES)[number];

/** One thing wrong with a segment's rule: where (`rule.rules[1].window.duration`), a stable code, plain words. */
export type SegmentProblem = { path: string; code: SegmentProblemCode; message: string };

/** What a segment's rule may refer to. `rules` (the workspace's other segments) lets cycles through them be found. */
export type SegmentKnown = {
  segmentIds: readonly string[];
  journeys: ReadonlyArray<{ id: string; stepIds: readonly string[] }>;
  rules?: ReadonlyArray<{ id: string; rule: SegmentRule | null }>;
};

type Ctx = { known: SegmentKnown; cyclic: ReadonlySet<string>; out: SegmentProblem[] };

function durationProblem(text: string | undefined, path: string, ctx: Ctx): void {
  if (text === undefined || parseDuration(text) !== null) return;
  ctx.out.push({
    path,
    code: "bad-duration",
    message: `"${text}" is not a length of time; write one like "7d" or "12h"`,
  });
}

function windowProblems(window: SegmentWindow | undefined, path: string, ctx: Ctx): void {
  if (window?.type === "within") durationProblem(window.duration, `${path}.window.duration`, ctx);
  if (window?.type === "after-event") durationProblem(window.within, `${path}.window.within`, ctx);
}

function missing(path: string, what: string, ctx: Ctx): void {
  ctx.out.push({ path, code: "missing-value", message: `Fill in ${what}` });
}

function walk(rule: SegmentRule, path: string, ctx: Ctx): void {
  switch (rule.type) {
    case "event":
    case "email-engagement":
    case "portal-login":
    case "dwell":
      windowProblems(rule.window, path, ctx);
      return;
    case "event-time":
      if ((rule.op === "before" || rule.op === "after") && rule.date === undefined)
        missing(`${path}.date`, `the date the ${rule.which} time is compared with`, ctx);
      if ((rule.op === "more-than-ago" || rule.op === "less-than-ago") && rule.duration === undefined)
        missing(`${path}.duration`, "how long ago", ctx);
      durationProblem(rule.duration, `${path}.duration`, ctx);
      return;
    case "journey": {
      const journey = ctx.known.journeys.find((j) => j.id === rule.journeyId);
      if (!journey) {
        const message = `The journey '${rule.journeyId}' does not exist (it may have been deleted); pick another`;
        ctx.out.push({ path: `${path}.journeyId`, code: "unknown-journey", message });
      } else if (rule.state === "reached-step" && rule.stepId === undefined) missing(`${path}.stepId`, "the step", ctx);
      else if (rule.state === "reached-step" && rule.stepId !== undefined && !journey.stepIds.includes(rule.stepId)) {
        const message = `The journey '${rule.journeyId}' has no step '${rule.stepId}'; pick one of its steps`;
        ctx.out.push({ path: `${path}.stepId`, code: "unknown-step", message });
      }
      return;
    }
    case "segment":
      if (!ctx.known.segmentIds.includes(rule.segmentId)) {
        const message = `The segment '${rule.segmentId}' does not exist (it may have been deleted); pick another`;
        ctx.out.push({ path: `${path}.segmentId`, code: "unknown-segment", message });
      } else if (ctx.cyclic.has(rule.segmentId)) {
        const message = `The segment '${rule.segmentId}' depends on this segment, so neither could be decided: remove one of the two references`;
        ctx.out.push({ path: `${path}.segmentId`, code: "segment-cycle", message });
      }
      return;
    case "not":
      walk(rule.rule, `${path}.rule`, ctx);
      return;
    case "all":
    case "any":
      if (rule.rules.length === 0) {
        const words = rule.type === "all" ? "an empty “all of” group" : "an empty “any of” group";
        ctx.out.push({ path, code: "empty-group", message: `Add a condition to ${words}, or remove it` });
      }
      rule.rules.forEach((r, i) => {
        walk(r, `${path}.rules[${i}]`, ctx);
      });
      return;
    default:
      return;
  }
}

/** The segments in a cycle with this one (none when it has no id yet: nothing can read a segment not saved). */
function cycleWith(id: string | undefined, rule: SegmentRule, known: SegmentKnown): Set<string> {
  if (id === undefined) return new Set();
  const others = (known.rules ?? []).filter((r) => r.id !== id);
  const { cycles } = segmentOrder([...others, { id, rule }]);
  return new Set(cycles.find((c) => c.includes(id)) ?? []);
}

/**
 * Every problem with a segment's rule, at once, each with its path (from `rule`), a stable code and words a marketer
 * can act on: unknown segments, journeys and steps, cycles between segments, bad durations, missing values, empty
 * groups, and a rule that reads nothing (it would hold for everyone or no one). A static segment has none.
 */
export function segmentProblems(
  definition: { id?: string; rule?: SegmentRule | null },
  known: SegmentKnown,
): SegmentProblem[] {
  const rule = definition.rule;
  if (!rule) return [];
  const ctx: Ctx = { known, cyclic: cycleWith(definition.id, rule, known), out: [] };
  walk(rule, "rule", ctx);
  const needs = segmentNeeds(rule);
  if (!needs.attributes && !needs.journeys && needs.events.length === 0 && needs.segments.length === 0) {
    const message = "The rule has no conditions, so it would hold for everyone or no one: add a condition";
    ctx.out.push({ path: "rule", code: "reads-nothing", message });
  }
  return ctx.out;
}
