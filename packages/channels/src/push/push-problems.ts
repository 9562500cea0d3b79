import type { Problem } from "@overture/runtime";
import { draftSteps, recommendKeys } from "../email/email-problems.ts";
import { liquidFieldProblems } from "../email/liquid.ts";
import { NOTIFICATION_VARIABLES } from "../notifications/notification-problems.ts";
import { notificationSampleScope } from "../notifications/preview-notification.ts";
import { pushLiquid } from "./push-render.ts";

const FIELDS = ["title", "body", "url"] as const;

/**
 * The Liquid problems of every push step of a draft (read defensively: a draft may be anything): syntax, variables
 * no push can have (they are a notification's: customer, event, journey, trigger and recommend results) and the
 * sandbox's limits with a sample customer, each at its field's path (`steps[3].title`) with line and column.
 */
export async function pushProblems(draft: unknown): Promise<Problem[]> {
  const steps = draftSteps(draft);
  const known = new Set<string>([...NOTIFICATION_VARIABLES, ...recommendKeys(steps)]);
  const problems: Problem[] = [];
  for (const [index, step] of steps.entries()) {
    const s = step as Record<string, unknown> | null;
    if (typeof s !== "object" || s === null || s.type !== "push" || typeof s.id !== "string") continue;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const sample = await notificationSampleScope({ title: text(s.title), body: text(s.body), link: text(s.url) });
    for (const field of FIELDS) {
      const source = s[field];
      if (typeof source !== "string") continue;
      const found = await liquidFieldProblems(pushLiquid, source, field, { known, what: "push", sample });
      for (const p of found)
        problems.push({
          path: `steps[${index}].${field}`,
          code: p.code,
          message: `line ${p.line}, column ${p.column}: ${p.message}`,
          stepId: s.id,
        });
    }
  }
  return problems;
}
