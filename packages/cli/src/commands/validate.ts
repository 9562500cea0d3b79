import { type JourneyProblem, validateJourney } from "@overture/core";
import { readJourneyFile } from "../read-journey.ts";
import { onePositional, parseCommandArgs } from "../usage.ts";

/** One problem as the CLI prints it: `step: code: message`, with the path when no step is concerned. */
export function formatProblem(problem: Pick<JourneyProblem, "stepId" | "path" | "code" | "message">): string {
  return `${problem.stepId ?? (problem.path || "journey")}: ${problem.code}: ${problem.message}`;
}

/** `overture validate FILE [--json]`: exit 0 when the journey is valid, 1 when not. */
export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
  const file = onePositional(positionals, "validate");
  const result = validateJourney(await readJourneyFile(file));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ valid: result.valid, problems: result.problems }, null, 2)}\n`);
    return result.valid ? 0 : 1;
  }
  if (result.valid) {
    const steps = result.document?.steps.length ?? 0;
    process.stdout.write(`${file}: valid (${steps} step${steps === 1 ? "" : "s"})\n`);
    return 0;
  }
  for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const n = result.problems.length;
  process.stderr.write(`${file}: ${n} problem${n === 1 ? "" : "s"}\n`);
  return 1;
}
