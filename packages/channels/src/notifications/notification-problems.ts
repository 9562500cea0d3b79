import type { TemplateProblem } from "../email/email-problem.ts";
import { draftSteps, recommendKeys } from "../email/email-problems.ts";
import { liquidFieldProblems } from "../email/liquid.ts";
import { notificationLiquid } from "./notification-channel.ts";
import { notificationSampleScope } from "./preview-notification.ts";

/** The variables every notification can use: the journey context (`trigger`, recommend results) comes on top. */
export const NOTIFICATION_VARIABLES = ["customer", "event", "journey", "trigger"] as const;

/**
 * A template problem found in a journey (a notification's title, body or link; a webhook's payload), shaped like the
 * core's journey problems plus the field, line and column inside it.
 */
export type JourneyTemplateProblem = TemplateProblem<string, string> & { path: string; stepId: string };

/**
 * Checks the Liquid of every notification step of a journey document (a draft may be anything, so it reads it
 * defensively): syntax, variables no notification can have, and the template sandbox's limits with a sample
 * customer, each with the step id, the path of the field (`steps[3].title`), line and column. Caught here, at
 * validate and publish, rather than at the first send.
 */
export async function notificationProblems(document: unknown): Promise<JourneyTemplateProblem[]> {
  const steps = draftSteps(document);
  const known = new Set<string>([...NOTIFICATION_VARIABLES, ...recommendKeys(steps)]);
  const problems: JourneyTemplateProblem[] = [];
  for (const [index, step] of steps.entries()) {
    if (!isObject(step) || step.type !== "notification" || typeof step.id !== "string") continue;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const sample = await notificationSampleScope({
      title: text(step.title),
      body: text(step.body),
      link: text(step.link),
    });
    for (const field of ["title", "body", "link"] as const) {
      const source = step[field];
      if (typeof source !== "string") continue;
      const found = await liquidFieldProblems(notificationLiquid, source, field, {
        known,
        what: "notification",
        sample,
      });
      for (const p of found) problems.push({ ...p, path: `steps[${index}].${field}`, stepId: step.id });
    }
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
