import { registerChannelSteps } from "@overture/core";
import type { ChannelStepUi } from "./channel-module.ts";
import { emailStep } from "./email/email-step.ts";
import { notificationStep } from "./notifications/notification-step.ts";
import { pushStep } from "./push/push-step.ts";
import { personalizeStep } from "./slots/personalize-step.ts";
import { smsStep } from "./sms/sms-step.ts";
import { webhookStep } from "./webhook/webhook-step.ts";

const steps: ChannelStepUi[] = [];

/**
 * Makes a channel's step known to the core (journeys may use it) and to the editor (palette, panel, preview). The
 * server half of the registry (`registry.ts`) calls this for each module it registers.
 */
export function registerChannelStep(ui: ChannelStepUi): void {
  registerChannelSteps([ui.spec]);
  if (!steps.includes(ui)) steps.push(ui);
}

/** The registered channels' steps, in palette order. */
export function channelSteps(): readonly ChannelStepUi[] {
  return steps;
}

/** The browser-safe part of the channel with this step type, if any. */
export function channelStepUi(type: string): ChannelStepUi | undefined {
  return steps.find((c) => c.spec.type === type);
}

// The browser half of the registry: one line per channel, in palette order. The editor's bundle imports only this
// half, so no server code reaches it; `registry.ts` lists the same channels' modules for the server.
registerChannelStep(emailStep);
registerChannelStep(notificationStep);
registerChannelStep(personalizeStep);
registerChannelStep(webhookStep);
registerChannelStep(smsStep);
registerChannelStep(pushStep);
