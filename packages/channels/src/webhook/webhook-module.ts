import type { ChannelModule } from "../channel-module.ts";
import { webhookPayloadProblems } from "./payload-problems.ts";
import { listWebhookEndpointTargets } from "./webhook-endpoints.ts";
import { webhookStep } from "./webhook-step.ts";

/** Webhooks: a signed JSON call to an internal workflow's endpoint, behind the address policy. */
export const webhookModule: ChannelModule = {
  ui: webhookStep,
  policy: { consent: "webhook", quietHours: false, cap: null },
  problems: webhookPayloadProblems,
  catalog: async (store, workspaceId) => ({
    endpoints: (await listWebhookEndpointTargets(store, workspaceId)).map((e) => e.name),
  }),
};
