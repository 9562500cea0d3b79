import type { ChannelModule } from "./channel-module.ts";
import { emailModule } from "./email/email-module.ts";
import { notificationModule } from "./notifications/notification-module.ts";
import { pushModule } from "./push/push-module.ts";
import { registerChannelStep } from "./registry.browser.ts";
import { personalizeModule } from "./slots/personalize-module.ts";
import { smsModule } from "./sms/sms-module.ts";
import { webhookModule } from "./webhook/webhook-module.ts";

const modules: ChannelModule[] = [];

/**
 * Adds a channel: its step to the core and the editor, and its module to the list the runtime's dispatcher, the
 * server's checks, previews and routes, the CLI's dev sinks and the policy's defaults are taken from.
 */
export function registerChannel(module: ChannelModule): void {
  registerChannelStep(module.ui);
  if (!modules.includes(module)) modules.push(module);
}

/** Every registered channel module, in palette order. */
export function channelModules(): readonly ChannelModule[] {
  return modules;
}

/** The channel module whose step has this type ("email", "personalize", "sms"), if any. */
export function channelModule(stepType: string): ChannelModule | undefined {
  return modules.find((m) => m.ui.spec.type === stepType);
}

// The server half of the registry: one line per channel, in palette order (the same order as registry.browser.ts).
registerChannel(emailModule);
registerChannel(notificationModule);
registerChannel(personalizeModule);
registerChannel(webhookModule);
registerChannel(smsModule);
registerChannel(pushModule);
