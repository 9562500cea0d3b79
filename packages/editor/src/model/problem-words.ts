import type { JourneyDocument, Step } from "@overture/core";
import { blockAtLine } from "../panel/email-blocks/blocks-to-mjml.ts";
import { BLOCK_LABELS, opensAsBlocks } from "../panel/email-blocks/email-blocks.ts";

/**
 * A problem that blocks publishing, from the core's check in the browser or the server's (which also reads the
 * templates): template problems carry the field of the step they are in and the line and column in it.
 */
export type DraftProblem = {
  code: string;
  message: string;
  path: string;
  stepId?: string;
  field?: string;
  line?: number;
  column?: number;
};

/** A problem as the editor lists it: on which step (by name), and what is wrong in the author's words. */
export type ShownProblem = { key: string; stepId?: string; where: string; text: string };

/** The words the step panels use for each template field, so a problem names the box the author typed in. */
const FIELD_LABELS: Record<string, string> = {
  subject: "Subject",
  preheader: "Preheader",
  body: "Body",
  title: "Title",
  link: "Link",
  payload: "Payload",
};

/** Every problem of the draft as the editor lists it, in the order given. */
export function describeProblems(problems: readonly DraftProblem[], document: JourneyDocument): ShownProblem[] {
  const steps = new Map(document.steps.map((s) => [s.id, s]));
  return problems.map((p) => {
    const step = p.stepId === undefined ? undefined : steps.get(p.stepId);
    return {
      key: problemKey(p),
      stepId: p.stepId,
      where: step ? step.name || step.id : (p.stepId ?? "Journey"),
      text: problemText(p, step),
    };
  });
}

/**
 * What is wrong, naming the field and where in it: "Subject, line 1, column 7: …". A problem in an email body made
 * of blocks names the block ("Body, text block 2: …"): the line and column of the MJML the blocks generate mean
 * nothing to the author, and the message quotes what they typed.
 */
export function problemText(problem: DraftProblem, step: Step | undefined): string {
  if (problem.field === undefined) return problem.message;
  const label = FIELD_LABELS[problem.field] ?? problem.field;
  if (problem.field === "body" && step?.type === "email" && step.blocks && opensAsBlocks(step)) {
    const index = problem.line === undefined ? null : blockAtLine(step.blocks, problem.line);
    const block = index === null ? undefined : step.blocks[index];
    if (block && index !== null)
      return `${label}, ${BLOCK_LABELS[block.type].toLowerCase()} block ${index + 1}: ${problem.message}`;
    return `${label}: ${problem.message}`;
  }
  if (problem.line === undefined) return `${label}: ${problem.message}`;
  return `${label}, line ${problem.line}, column ${problem.column ?? 1}: ${problem.message}`;
}

/** One key per problem: the same problem found by the browser and by the server has the same key. */
export function problemKey(p: DraftProblem): string {
  return [p.code, p.path, p.stepId ?? "", p.line ?? "", p.column ?? "", p.message].join("|");
}

/** Problems about what the workspace holds: only the server knows its templates, endpoints, slots, content, segments. */
const CATALOG_CODES: ReadonlySet<string> = new Set([
  "unknown-slot",
  "unknown-template",
  "unknown-endpoint",
  "unknown-content",
  "unknown-segment",
]);

/** Whether only the server finds this problem: a template's (it has a field) or one about what the workspace holds. */
export function isServerOnly(problem: DraftProblem): boolean {
  return problem.field !== undefined || CATALOG_CODES.has(problem.code);
}

/**
 * The browser's problems (the core's, checked at every edit, so always about what is on screen) and those only
 * the server finds, from its latest answer (which may be a moment behind the typing). The server's answer also
 * holds the core's problems; those are the browser's, so no problem is listed twice or lingers once fixed. An
 * answer about the very document on screen (`current`) is taken whole: whatever it refuses is listed.
 */
export function mergeProblems(
  local: readonly DraftProblem[],
  server: readonly DraftProblem[],
  options: { current?: boolean } = {},
): DraftProblem[] {
  const seen = new Set(local.map(problemKey));
  return [...local, ...server.filter((p) => !seen.has(problemKey(p)) && (options.current || isServerOnly(p)))];
}
