import type { Json } from "@overture/core";
import {
  type ChannelHandler,
  type Delivery,
  type DeliveryOutcome,
  deliveryLoads,
  PermanentError,
  SecretUnreadableError,
  TransientError,
} from "@overture/runtime";
import type { ChannelDeps } from "../channel-module.ts";
import { deliveryStep } from "../delivery-step.ts";
import { templateLimitFailure } from "../templates/limit-failure.ts";
import { buildSmsContext, renderSms } from "./render-sms.ts";
import { countSegments } from "./segments.ts";
import { smsAccountOf } from "./sms-account.ts";
import { isE164 } from "./sms-settings.ts";
import { sendTwilioSms } from "./twilio-client.ts";

/** How long a workspace's SMS wait for settings before the dispatcher looks again (no attempt is spent). */
export const UNCONFIGURED_WAIT_MS = 15 * 60_000;

/**
 * The SMS channel's handler: reads the step's body from the published version, renders it for the customer (their
 * attributes, the journey context) in the template sandbox, and sends it to their `phone` attribute through the
 * workspace's Twilio account (or the dev SMS sink). Consent, quiet hours and caps are the delivery policy's, applied
 * around this handler.
 *
 * Outcomes: a customer without a phone, or with one not in E.164, is skipped (`no_phone`, `invalid_phone`): an
 * expected gap in the data, like a missing consent, not a failure to retry or re-drive. A body that does not render
 * is a dead letter. A workspace without settings (and no dev sink) waits, as email waits for SMTP.
 */
export function createSmsHandler(deps: ChannelDeps, options: { timeoutMs?: number } = {}): ChannelHandler {
  return {
    channel: "sms",
    // One account per workspace: an account refused or rate-limited pauses its own workspace's SMS only.
    endpointOf: (d) => `sms/${d.workspaceId}`,
    async deliver(d: Delivery): Promise<DeliveryOutcome> {
      const customer = await deliveryLoads(deps.store).customer(d.workspaceId, d.customerId);
      const phone = customer?.attributes.phone;
      if (!customer || phone === undefined || phone === null || phone === "")
        return {
          status: "skipped",
          code: "no_phone",
          reason: `no_phone: customer ${d.customerId} has no phone attribute`,
        };
      if (typeof phone !== "string" || !isE164(phone))
        return {
          status: "skipped",
          code: "invalid_phone",
          reason: `invalid_phone: customer ${d.customerId}'s phone ${JSON.stringify(phone)} is not in E.164 (+ country code and number, e.g. +14155550100)`,
        };
      const body = await smsBody(deps, d);
      const rendered = await renderSms(body, buildSmsContext(customer, contextOf(d)));
      if ("problem" in rendered) {
        const p = rendered.problem;
        const where = `body line ${p.line}, column ${p.column}: ${p.message}`;
        if (p.code === "template-limit")
          throw templateLimitFailure({ code: p.code, message: p.message }, `template_limit: ${where}`, d.attempt);
        throw new PermanentError("sms_render_failed", `sms_render_failed: ${where}`);
      }
      if (rendered.text === "") throw new PermanentError("sms_empty", `sms_empty: step ${d.stepId} rendered no text`);
      let account: Awaited<ReturnType<typeof smsAccountOf>>;
      try {
        account = await smsAccountOf(deps, d.workspaceId);
      } catch (error) {
        // Sealed with a server secret this process does not have: retried, so OVERTURE_SECRET_PREVIOUS recovers it.
        if (error instanceof SecretUnreadableError)
          throw new TransientError("sms_secret_unreadable", `sms_secret_unreadable: ${error.message}`);
        throw error;
      }
      if (!account)
        return {
          status: "deferred",
          code: "sms_not_configured",
          reason: "sms_not_configured: the workspace has no SMS settings (PUT /v1/channels/sms/settings)",
          until: deps.clock.now() + UNCONFIGURED_WAIT_MS,
        };
      const sent = await sendTwilioSms(
        account,
        { to: phone, body: rendered.text, key: d.key, workspaceId: d.workspaceId },
        { timeoutMs: options.timeoutMs, now: () => deps.clock.now() },
      );
      const counted = countSegments(rendered.text);
      return {
        status: "sent",
        detail: {
          to: phone,
          sid: sent.sid,
          status: sent.status,
          segments: sent.segments ?? counted.segments,
          encoding: counted.encoding,
        },
      };
    },
  };
}

/**
 * The step's body as published (or as on screen, for a test send); a version without the step is a dead letter
 * (nothing to send).
 */
async function smsBody(deps: Pick<ChannelDeps, "store">, d: Delivery): Promise<string> {
  const step = await deliveryStep(deps.store, d, "sms");
  if (typeof step.body !== "string")
    throw new PermanentError(
      "sms_step_missing",
      `sms_step_missing: ${d.journeyId} v${d.version} has no SMS step ${d.stepId}`,
    );
  return step.body;
}

function contextOf(d: Delivery): Record<string, Json> {
  const context = d.payload.context;
  return typeof context === "object" && context !== null && !Array.isArray(context) ? context : {};
}
