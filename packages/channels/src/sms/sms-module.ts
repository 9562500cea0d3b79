import type { ChannelModule } from "../channel-module.ts";
import { startDevSmsSink } from "./dev-sms-sink.ts";
import { createSmsHandler } from "./sms-handler.ts";
import { previewSms } from "./sms-preview.ts";
import { smsProblems } from "./sms-problems.ts";
import { smsRoutes } from "./sms-routes.ts";
import { SMS_MIGRATIONS, smsSettingsStore } from "./sms-settings.ts";
import { smsStep } from "./sms-step.ts";

/**
 * The SMS channel: a step with a Liquid body and a segment counter, sent through Twilio's Messages API with each
 * workspace's account (sealed token), opt-in consent (`consent.sms`), quiet hours and at most 4 a week by default,
 * STOP/START keywords through Twilio's inbound webhook, and a dev SMS sink with an inbox page for `npm start`.
 */
export const smsModule: ChannelModule = {
  ui: smsStep,
  policy: { consent: "sms", quietHours: true, cap: { max: 4, per: "7d" }, optIn: true },
  tables: SMS_MIGRATIONS,
  problems: smsProblems,
  preview: previewSms,
  handler: async (deps) => {
    // Encrypt-on-start (the tables are applied before handlers are made): tokens sealed before a rotation of
    // OVERTURE_SECRET are sealed again with the new one.
    const { unreadable } = await smsSettingsStore(deps.store, deps.secrets).reseal();
    if (unreadable.length > 0)
      console.warn(
        `sms: the auth token of workspace(s) ${unreadable.join(", ")} cannot be read with OVERTURE_SECRET or OVERTURE_SECRET_PREVIOUS`,
      );
    return createSmsHandler(deps);
  },
  devSink: (deps) =>
    startDevSmsSink({
      // Kept over restarts in the data directory, like the mailbox; in memory when there is none.
      dataDir: deps.dataDir === "" ? undefined : deps.dataDir,
      inboundUrl: (workspaceId) =>
        `${deps.publicUrl().replace(/\/$/, "")}/v1/channels/sms/inbound/${encodeURIComponent(workspaceId)}`,
      now: () => deps.clock.now(),
    }),
  routes: smsRoutes,
};
