import { durationProblem } from "./durations.ts";
import type { JourneyProblem, JourneyProblemCode } from "./journey-problem.ts";
import { problem } from "./problem-text.ts";

/**
 * The words and paths a channel's step checks use, so that a channel's problems read like the core's: "Step 'Welcome'
 * uses the template 'x', which does not exist (known templates: …)" at `steps[2].templateId`.
 */
export type ChannelStepChecks = {
  /** `Step 'Welcome'`: how messages name the step. */
  where: string;
  /** A problem at a field of the step (`"templateId"` → `steps[2].templateId`; `""` → the step itself). */
  problem(code: JourneyProblemCode, message: string, field?: string): JourneyProblem;
  /** The field's value must be one of `known` (skipped when the catalog did not give the list). */
  known(
    code: "unknown-slot" | "unknown-template" | "unknown-endpoint" | "unknown-content",
    what: string,
    value: string,
    known: string[] | undefined,
    field: string,
  ): JourneyProblem[];
  /** A duration field must be longer than zero and at most ten years. */
  duration(value: string | undefined, field: string): JourneyProblem[];
};

/** The checks of the step at `index` of a document. */
export function channelStepChecks(step: { id: string; name?: string }, index: number): ChannelStepChecks {
  const at = `steps[${index}]`;
  const where = `Step '${step.name?.trim() || step.id}'`;
  const path = (field = "") => (field ? `${at}.${field}` : at);
  return {
    where,
    problem: (code, message, field) => problem(code, message, path(field), step.id),
    known(code, what, value, known, field) {
      if (known === undefined || known.includes(value)) return [];
      const hint =
        known.length === 0
          ? `there are no ${what}s yet`
          : `known ${what}s: ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""}`;
      return [
        problem(code, `${where} uses the ${what} '${value}', which does not exist (${hint})`, path(field), step.id),
      ];
    },
    duration: (value, field) => durationProblem(value, path(field), where, step.id),
  };
}
