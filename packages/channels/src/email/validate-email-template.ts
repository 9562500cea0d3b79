import type { Liquid } from "liquidjs";
import type { EmailField, EmailProblem, EmailTemplate } from "./email-problem.ts";
import { htmlLiquid, liquidFieldProblems, textLiquid } from "./liquid.ts";
import { blankLiquid, compileMjml } from "./mjml.ts";
import { sampleContext } from "./sample-context.ts";

/** The variables every email can use, whatever journey sends it. */
export const EMAIL_VARIABLES = ["customer", "event", "trigger", "links", "portalUrl", "message"] as const;

/** Options of {@link validateEmailTemplate}. */
export type ValidateEmailOptions = {
  /**
   * Journey-context keys the email may read besides {@link EMAIL_VARIABLES} (a recommend step's `into`). Default
   * `["recommendations"]`; a journey passes the keys its recommend steps fill.
   */
  contextKeys?: string[];
};

/**
 * Checks a template without any customer: Liquid syntax of each field, the MJML layout of the body (with the Liquid
 * blanked out so positions stay those of the template), variables no email can ever have, and the template
 * sandbox's limits when each field renders with sample data. Every problem at once, each with its field, line and
 * column; [] when the template is fine.
 */
export async function validateEmailTemplate(
  template: EmailTemplate,
  options: ValidateEmailOptions = {},
): Promise<EmailProblem[]> {
  const known = new Set<string>([...EMAIL_VARIABLES, ...(options.contextKeys ?? ["recommendations"])]);
  const problems: EmailProblem[] = [];
  const fields: Array<[EmailField, string, Liquid]> = [
    ["subject", template.subject, textLiquid],
    ["preheader", template.preheader ?? "", textLiquid],
    ["body", template.body, htmlLiquid],
  ];
  const sample = await sampleContext(template, "https://example.com");
  for (const [field, source, engine] of fields)
    problems.push(...(await liquidFieldProblems(engine, source, field, { known, what: "email", sample })));
  problems.push(...(await compileMjml(blankLiquid(template.body))).problems);
  return problems;
}
