import type { Json } from "@overture/core";
import { type CustomerService, InputError, PermanentError, type Problem, TransientError } from "@overture/runtime";
import { buildEmailContext, noRecommendations, type ResolveRecommendations, resolveUrl } from "./email-context.ts";
import type { EmailProblem, EmailTemplate } from "./email-problem.ts";
import { type RenderedEmail, renderEmail } from "./render-email.ts";
import { sampleContext } from "./sample-context.ts";
import type { EmailSender } from "./smtp-sender.ts";
import { SMTP_NOT_CONFIGURED } from "./unconfigured-sender.ts";
import { validateEmailTemplate } from "./validate-email-template.ts";

/** What previews and test sends need. */
export type EmailServiceOptions = {
  customers: Pick<CustomerService, "get">;
  sender: EmailSender;
  from: string;
  baseUrl: string | (() => string);
  portalUrl?: string | (() => string);
  resolveRecommendations?: ResolveRecommendations;
};

/** A template to preview or test, optionally for one customer's profile (else sample data). */
export type EmailPreviewInput = EmailTemplate & { customerId?: string | undefined };

/** Previews and test sends of a template, as the editor uses them. */
export type EmailService = {
  /** Renders for a customer (or sample data); problems come back with their position instead of html. */
  preview(workspaceId: string, input: EmailPreviewInput): Promise<RenderedEmail>;
  /** Renders and sends to any address. InputError `email_invalid` with the problems, `email_rejected` when refused. */
  testSend(
    workspaceId: string,
    input: EmailPreviewInput & { to: string },
  ): Promise<{ to: string; subject: string; messageId: string }>;
};

/** Creates the preview and test-send service (links in test sends are placeholders: nothing is tracked). */
export function createEmailService(options: EmailServiceOptions): EmailService {
  const base = () => resolveUrl(options.baseUrl);
  const service: EmailService = {
    async preview(workspaceId, input) {
      const template = { subject: input.subject, preheader: input.preheader, body: input.body };
      const problems = await validateEmailTemplate(template);
      if (problems.length > 0) return { subject: "", preheader: "", html: "", text: "", problems };
      return renderEmail(template, await contextFor(workspaceId, input));
    },
    async testSend(workspaceId, input) {
      const rendered = await service.preview(workspaceId, input);
      if (rendered.problems.length > 0)
        throw new InputError(
          "email_invalid",
          "The template has problems; see problems.",
          rendered.problems.map(asProblem),
        );
      try {
        const sent = await options.sender.send({
          from: options.from,
          to: input.to,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers: { "X-Overture-Test": "1", "X-Overture-Workspace": workspaceId },
        });
        return { to: input.to, subject: rendered.subject, messageId: sent.messageId };
      } catch (error) {
        if (error instanceof PermanentError)
          throw new InputError("email_rejected", error.message, [
            { path: "to", code: "email_rejected", message: error.message },
          ]);
        if (error instanceof TransientError && error.code === SMTP_NOT_CONFIGURED)
          throw new InputError(SMTP_NOT_CONFIGURED, error.message, [
            { path: "", code: SMTP_NOT_CONFIGURED, message: "set SMTP_URL" },
          ]);
        throw error;
      }
    },
  };

  async function contextFor(workspaceId: string, input: EmailPreviewInput) {
    if (!input.customerId) return sampleContext(input, base());
    const customer = await options.customers.get(workspaceId, input.customerId);
    if (!customer)
      throw new InputError("not_found", `No customer with id '${input.customerId}'`, [
        { path: "customerId", code: "not_found", message: input.customerId },
      ]);
    const context = await buildEmailContext({
      workspaceId,
      customer,
      journeyContext: { recommendations: { topics: [], count: 3, basedOn: "fallback" } as Json },
      recommendKeys: ["recommendations"],
      resolveRecommendations: options.resolveRecommendations ?? noRecommendations,
      unsubscribeUrl: `${base()}/u/sample`,
      portalUrl: resolveUrl(options.portalUrl) ?? base(),
    });
    return context;
  }
  return service;
}

/** An email problem in the API's problem shape: path = the field, the position at the start of the message too. */
export function asProblem(p: EmailProblem): Problem & { line: number; column: number } {
  return {
    path: p.field,
    code: p.code,
    message: `line ${p.line}, column ${p.column}: ${p.message}`,
    line: p.line,
    column: p.column,
  };
}
