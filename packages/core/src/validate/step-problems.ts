import { channelStepSpec } from "../model/channel-registry.ts";
import type { ChannelStepFields } from "../model/channel-step.ts";
import type { Step } from "../model/step.ts";
import { channelStepChecks } from "./channel-step-checks.ts";
import { conditionDurationProblems, durationProblem } from "./durations.ts";
import type { JourneyCatalog, JourneyProblem } from "./journey-problem.ts";
import { listWords, problem } from "./problem-text.ts";
import { stepSegmentProblems } from "./segment-references.ts";
import { linksOf } from "./step-graph.ts";

/** Context keys the interpreter writes itself; a recommend step storing under one would overwrite it. */
const RESERVED_CONTEXT_KEYS = new Set(["trigger"]);

function exitProblems(step: Step, at: string, where: string): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  if (step.type === "branch" && step.else === undefined) {
    const message = `${where} has no 'else' arm: add one for the customers no arm matches`;
    problems.push(problem("branch-without-else", message, `${at}.else`, step.id));
  }
  // A goal without a next step ends the journey; every other exit must lead somewhere.
  if (step.type === "goal") return problems;
  for (const link of linksOf(step, at)) {
    if (link.next !== null && link.next !== undefined) continue;
    if (link.exit === "timeout") {
      problems.push(
        problem("timeout-next", `${where} does not say where customers go when the wait times out`, link.path, step.id),
      );
    } else {
      const which =
        link.exit === "else"
          ? " for 'else'"
          : link.exit === "arm"
            ? ` for ${link.label}`
            : link.label === ""
              ? ""
              : ` ${link.label}`;
      const message = `${where} has no next step${which}: connect it to a step, or to an exit step to end the journey there`;
      problems.push(problem("missing-next", message, link.path, step.id));
    }
  }
  return problems;
}

function armProblems(step: Step, at: string, where: string): JourneyProblem[] {
  if (step.type !== "branch" && step.type !== "split") return [];
  const problems: JourneyProblem[] = [];
  const seen = new Set<string>();
  step.arms.forEach((arm, j) => {
    if (seen.has(arm.id))
      problems.push(
        problem("duplicate-arm-id", `${where} has two arms with the id '${arm.id}'`, `${at}.arms[${j}].id`, step.id),
      );
    seen.add(arm.id);
    if (step.type === "branch" && arm.id === "else") {
      problems.push(
        problem(
          "reserved-arm-id",
          `${where}: the arm id 'else' is kept for the else arm; choose another id`,
          `${at}.arms[${j}].id`,
          step.id,
        ),
      );
    }
  });
  if (step.type === "split") {
    const total = step.arms.reduce((sum, arm) => sum + arm.percent, 0);
    if (Math.abs(total - 100) > 1e-9) {
      const parts = step.arms.map((a) => `${a.percent}%`);
      const message = `${where}: the arms add up to ${Number(total.toFixed(6))}%${parts.length > 1 ? ` (${listWords(parts)})` : ""}, not 100%`;
      problems.push(problem("split-percent-total", message, `${at}.arms`, step.id));
    }
  }
  return problems;
}

/** Problems of one step that fits the schema: its exits, content, durations and references to the catalog. */
export function stepProblems(step: Step, index: number, catalog: JourneyCatalog): JourneyProblem[] {
  const at = `steps[${index}]`;
  const where = `Step '${step.name?.trim() || step.id}'`;
  const problems = [
    ...exitProblems(step, at, where),
    ...armProblems(step, at, where),
    ...stepSegmentProblems(step, at, where, catalog),
  ];
  switch (step.type) {
    case "trigger":
      if (step.trigger.type === "schedule")
        problems.push(...durationProblem(step.trigger.every, `${at}.trigger.every`, where, step.id));
      break;
    case "wait":
      if (step.wait.type === "duration")
        problems.push(...durationProblem(step.wait.duration, `${at}.wait.duration`, where, step.id));
      break;
    case "wait-for-event":
      problems.push(...durationProblem(step.timeout, `${at}.timeout`, where, step.id));
      break;
    case "branch":
      problems.push(
        ...step.arms.flatMap((arm, j) =>
          conditionDurationProblems(arm.condition, `${at}.arms[${j}].condition`, where, step.id),
        ),
      );
      break;
    case "recommend":
      if (RESERVED_CONTEXT_KEYS.has(step.into)) {
        const message = `${where} stores its recommendations under '${step.into}', which holds the event the customer entered with; choose another name`;
        problems.push(problem("reserved-context-key", message, `${at}.into`, step.id));
      }
      break;
    default: {
      // A channel's step: its module knows what else to check.
      const spec = channelStepSpec(step.type);
      if (spec?.problems)
        problems.push(...spec.problems(step as ChannelStepFields, channelStepChecks(step, index), catalog));
    }
  }
  return problems;
}
