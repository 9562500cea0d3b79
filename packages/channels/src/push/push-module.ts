import { join } from "node:path";
import type { ChannelModule } from "../channel-module.ts";
import { startDevPushService } from "./dev-push-service.ts";
import { previewPush } from "./preview-push.ts";
import { createPushChannel } from "./push-channel.ts";
import { pushCustomerData } from "./push-customer-data.ts";
import { pushProblems } from "./push-problems.ts";
import { pushRoutes } from "./push-routes.ts";
import { pushStep } from "./push-step.ts";
import { PUSH_MIGRATIONS } from "./push-tables.ts";

/**
 * Web push (RFC 8030, 8291, 8292) as one channel module: the step, the subscriptions and VAPID keys tables, the
 * routes the portal subscribes through, the handler sending with web-push, and the dev push service `npm start` runs.
 * The browser's permission is the opt-in, so the policy needs no opt-in attribute; `consent.push: false` stops it.
 */
export const pushModule: ChannelModule = {
  ui: pushStep,
  policy: { consent: "push", quietHours: true, cap: { max: 5, per: "1d" }, optIn: false },
  tables: PUSH_MIGRATIONS,
  customerData: [pushCustomerData],
  problems: pushProblems,
  preview: (input) => previewPush(input.step, input.customer),
  // Always configured: the workspace's VAPID keys are made on first use.
  handler: async (deps) => createPushChannel(deps),
  devSink: (deps) =>
    startDevPushService({
      ...(deps.env.PUSH_DEV_PORT ? { port: Number(deps.env.PUSH_DEV_PORT) } : {}),
      file: join(deps.dataDir, "push-service.json"),
    }),
  routes: pushRoutes,
};
