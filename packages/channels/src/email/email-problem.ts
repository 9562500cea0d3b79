/**
 * What can be wrong with an email template. Rendering and validation return these as data, never throw them:
 * `liquid-syntax` (a tag or output Liquid cannot parse), `mjml-invalid` (MJML refuses the body), `unknown-variable`
 * (a variable no email can ever have), `missing-variable` (this customer lacks a variable the template requires),
 * `template-limit` (over a limit of the template sandbox), `partial-not-allowed` (`render`, `include`, `layout`).
 */
export const EMAIL_PROBLEM_CODES = [
  "liquid-syntax",
  "mjml-invalid",
  "unknown-variable",
  "missing-variable",
  "template-limit",
  "partial-not-allowed",
] as const;

/** One of {@link EMAIL_PROBLEM_CODES}. */
export type EmailProblemCode = (typeof EMAIL_PROBLEM_CODES)[number];

/** Which part of the template a problem is in. */
export type EmailField = "subject" | "preheader" | "body";

/**
 * One problem in a Liquid template, with where it is: 1-based line and column inside `field`. Emails, portal
 * notifications and webhook payloads report their problems in this shape.
 */
export type TemplateProblem<F extends string = string, C extends string = EmailProblemCode> = {
  code: C;
  message: string;
  line: number;
  column: number;
  field: F;
};

/** One problem in an email template, with where it is: 1-based line and column inside `field`. */
export type EmailProblem = TemplateProblem<EmailField>;

/** The three texts an email is made of: Liquid in each, MJML in the body. */
export type EmailTemplate = { subject: string; preheader?: string | undefined; body: string };
