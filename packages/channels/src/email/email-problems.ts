import type { EmailProblem } from "./email-problem.ts";
import { validateEmailTemplate } from "./validate-email-template.ts";

/** An email problem found in a journey, shaped like the core's journey problems (plus the position). */
export type JourneyEmailProblem = EmailProblem & { path: string; stepId: string };

/**
 * Checks the template of every email step that sends its own (a draft may be anything, so it reads it
 * defensively): what {@link validateEmailTemplate} finds, with the step id and the path of the field
 * (`steps[2].body`). Variables from the journey context are known when a recommend step fills them. [] when fine.
 */
export async function emailProblems(document: unknown): Promise<JourneyEmailProblem[]> {
  const steps = draftSteps(document);
  const contextKeys = recommendKeys(steps);
  const problems: JourneyEmailProblem[] = [];
  for (const [index, step] of steps.entries()) {
    if (!isObject(step) || step.type !== "email" || typeof step.id !== "string") continue;
    // A saved template is what is sent (checked when it is saved), and an email without a subject or a body is the
    // core's `email-without-content`: MJML's "Parsing failed" about an empty body would say it again, less clearly.
    if (typeof step.templateId === "string" || typeof step.subject !== "string" || typeof step.body !== "string")
      continue;
    if (step.subject === "" || step.body === "") continue;
    const preheader = typeof step.preheader === "string" ? step.preheader : undefined;
    const found = await validateEmailTemplate({ subject: step.subject, preheader, body: step.body }, { contextKeys });
    for (const p of found) problems.push({ ...p, path: `steps[${index}].${p.field}`, stepId: step.id });
  }
  return problems;
}

/** The steps of a draft, which may be anything: [] unless it has a `steps` list. */
export function draftSteps(document: unknown): unknown[] {
  return isObject(document) && Array.isArray(document.steps) ? document.steps : [];
}

/** The journey-context keys the draft's recommend steps fill (templates may read them). */
export function recommendKeys(steps: unknown[]): string[] {
  return steps.flatMap((s) =>
    isObject(s) && s.type === "recommend" ? [typeof s.into === "string" ? s.into : "recommendations"] : [],
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
