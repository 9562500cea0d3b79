import type { Problem } from "@overture/runtime";
import { draftSteps, recommendKeys } from "../email/email-problems.ts";
import { liquidFieldProblems, textLiquid } from "../email/liquid.ts";
import { SMS_VARIABLES } from "./render-sms.ts";

/** A sample scope for the sandbox's limits: they show only when a template renders. */
const SAMPLE = { customer: { id: "sample-customer", firstName: "Alex" }, event: {}, trigger: { properties: {} } };

/**
 * The Liquid problems of every SMS step of a draft (read defensively: a draft may be anything): syntax, variables no
 * SMS can have (a typo such as `custmer`), a partial, and the sandbox's limits, each with its step and the path
 * `steps[3].body`. Caught at validate and publish rather than at the first send.
 */
export async function smsProblems(draft: unknown): Promise<Problem[]> {
  const steps = draftSteps(draft);
  const known = new Set<string>([...SMS_VARIABLES, ...recommendKeys(steps)]);
  const problems: Problem[] = [];
  for (const [index, step] of steps.entries()) {
    if (typeof step !== "object" || step === null) continue;
    const { type, id, body } = step as Record<string, unknown>;
    if (type !== "sms" || typeof id !== "string" || typeof body !== "string") continue;
    for (const p of await liquidFieldProblems(textLiquid, body, "body", { known, what: "SMS", sample: SAMPLE })) {
      problems.push({
        path: `steps[${index}].body`,
        code: p.code,
        message: `line ${p.line}, column ${p.column}: ${p.message}`,
        stepId: id,
      });
    }
  }
  return problems;
}
