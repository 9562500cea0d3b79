import { createHash } from "node:crypto";
import type { Json, StepOf } from "@overture/core";
import {
  type ChannelHandler,
  type Delivery,
  type DeliveryOutcome,
  deliveryLoads,
  PermanentError,
  type Store,
} from "@overture/runtime";
import { defaultSenderIdentity, fromHeader } from "../senders/sender-identities.ts";
import { templateLimitFailure } from "../templates/limit-failure.ts";
import { createRenderTurns } from "../templates/render-in-turn.ts";
import { buildEmailContext, noRecommendations, type ResolveRecommendations, resolveUrl } from "./email-context.ts";
import type { EmailTemplate } from "./email-problem.ts";
import { getEmailTemplate } from "./email-templates.ts";
import { renderEmail } from "./render-email.ts";
import { createSmtpSender, type EmailSender } from "./smtp-sender.ts";
import { addTracking, unsubscribeUrl } from "./tracking-links.ts";
import type { TrackedMessage } from "./tracking-token.ts";

/** What the email channel needs. */
export type EmailChannelOptions = {
  store: Store;
  /** Where mail goes (`smtp://…`); or give `sender`. */
  smtpUrl?: string;
  sender?: EmailSender;
  /** The From address, e.g. `"Overture" <hello@example.com>`. */
  from: string;
  /** The public address of this server: unsubscribe, open and click links point there (a function when it is known late). */
  baseUrl: string | (() => string);
  /** `{{ portalUrl }}` in templates (default: baseUrl). */
  portalUrl?: string | (() => string);
  /** Signs the links (see loadSigningSecret). */
  signingSecret: string;
  resolveRecommendations?: ResolveRecommendations;
};

/** An email channel handler; `close` ends its SMTP connections. */
export type EmailChannel = ChannelHandler & { close(): void };

/**
 * The email channel: renders the published version's email step (its own content, or the saved template it names as
 * that template is now) for the customer's current profile, adds the unsubscribe link and header, open pixel and
 * click tracking, and sends through SMTP. The outbox key is sent as `X-Overture-Key` and is the base of the
 * Message-ID, so a retried delivery is recognisable. Refuses for good
 * (PermanentError) a customer without an email address or who unsubscribed, a template that does not render, and a
 * saved template deleted since publishing.
 */
export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const sender = options.sender ?? createSmtpSender(options.smtpUrl ?? "smtp://127.0.0.1:2525");
  const resolve = options.resolveRecommendations ?? noRecommendations;
  const base = () => resolveUrl(options.baseUrl);
  // Renders of a batch take turns, so none runs out of its time limit waiting for the others.
  const inTurn = createRenderTurns();
  return {
    channel: "email",
    close: () => sender.close(),
    // One SMTP server for every delivery: its outage opens one circuit.
    endpointOf: () => sender.endpoint,
    async deliver(d: Delivery): Promise<DeliveryOutcome> {
      const customer = await deliveryLoads(options.store).customer(d.workspaceId, d.customerId);
      const to = customer?.attributes.email;
      if (!customer || typeof to !== "string" || to.trim() === "")
        throw new PermanentError(
          "no_email_address",
          `no_email_address: customer ${d.customerId} has no email attribute`,
        );
      if (hasUnsubscribed(customer.attributes))
        throw new PermanentError("unsubscribed", `unsubscribed: customer ${d.customerId} unsubscribed from email`);
      const { step, recommendKeys } = await emailStep(options.store, d);
      const content = await emailContent(options.store, d, step);
      const message: TrackedMessage = {
        workspaceId: d.workspaceId,
        customerId: d.customerId,
        journeyId: d.journeyId,
        stepId: d.stepId,
        key: d.key,
      };
      const baseUrl = base();
      const unsubscribe = unsubscribeUrl(baseUrl, options.signingSecret, message);
      const context = await buildEmailContext({
        workspaceId: d.workspaceId,
        customer,
        journeyContext: isObject(d.payload.context) ? d.payload.context : {},
        recommendKeys,
        resolveRecommendations: resolve,
        unsubscribeUrl: unsubscribe,
        portalUrl: resolveUrl(options.portalUrl) ?? baseUrl,
      });
      const rendered = await inTurn(() => renderEmail(content, context));
      const first = rendered.problems[0];
      if (first) {
        const where = `${first.field} line ${first.line}, column ${first.column}: ${first.message}`;
        // A template over a sandbox limit is its own dead letter (but for one retry of the time limit, see there).
        if (first.code === "template-limit")
          throw templateLimitFailure(
            { code: first.code, message: first.message },
            `template_limit: ${where}`,
            d.attempt,
          );
        throw new PermanentError("email_render_failed", `email_render_failed: ${where}`);
      }
      // The workspace's default sender identity (settings screen), else the server's EMAIL_FROM.
      const identity = await defaultSenderIdentity(options.store, d.workspaceId);
      const sent = await sender.send({
        from: identity ? fromHeader(identity) : options.from,
        ...(identity?.replyTo ? { replyTo: identity.replyTo } : {}),
        to,
        subject: rendered.subject,
        html: addTracking(rendered.html, { baseUrl, secret: options.signingSecret, message }),
        text: rendered.text,
        messageId: messageIdFor(d.key),
        headers: {
          "List-Unsubscribe": `<${unsubscribe}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "X-Overture-Key": d.key,
          "X-Overture-Workspace": d.workspaceId,
        },
      });
      return {
        status: "sent",
        detail: { to, subject: rendered.subject, messageId: sent.messageId, response: sent.response },
      };
    },
  };
}

/** True when the customer's consent for email was withdrawn (`consent: { email: false }` or `"consent.email": false`). */
export function hasUnsubscribed(attributes: Record<string, Json>): boolean {
  const consent = attributes.consent;
  return (isObject(consent) && consent.email === false) || attributes["consent.email"] === false;
}

/** The same Message-ID for every attempt of one delivery. */
export function messageIdFor(key: string): string {
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@overture>`;
}

async function emailStep(store: Store, d: Delivery): Promise<{ step: StepOf<"email">; recommendKeys: string[] }> {
  const version = await deliveryLoads(store).version(d.workspaceId, d.journeyId, d.version);
  const step = version?.document.steps.find((s) => s.id === d.stepId);
  if (!version || step?.type !== "email")
    throw new PermanentError(
      "email_step_missing",
      `email_step_missing: ${d.journeyId} v${d.version} has no email step ${d.stepId}`,
    );
  const recommendKeys = version.document.steps.flatMap((s) => (s.type === "recommend" ? [s.into] : []));
  return { step, recommendKeys };
}

/**
 * What the step sends: the saved template it names, as it is now (a template deleted since publishing is a
 * permanent failure: there is nothing to send), or its own subject, preheader and body.
 */
async function emailContent(store: Store, d: Delivery, step: StepOf<"email">): Promise<EmailTemplate> {
  if (step.templateId !== undefined) {
    const saved = await getEmailTemplate(store, d.workspaceId, step.templateId);
    if (!saved)
      throw new PermanentError(
        "email_template_missing",
        `email_template_missing: step ${d.stepId} sends the template '${step.templateId}', which was deleted; save it again (PUT /v1/email/templates/${step.templateId}) and retry, or publish the journey with another template`,
      );
    return { subject: saved.subject, preheader: saved.preheader, body: saved.body };
  }
  if (step.subject === undefined || step.body === undefined)
    throw new PermanentError("email_without_content", `email_without_content: step ${d.stepId} has no subject or body`);
  return { subject: step.subject, preheader: step.preheader, body: step.body };
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
