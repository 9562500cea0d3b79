import { channelStepObject } from "@overture/core";
import { z } from "zod";
import type { ChannelStepUi } from "../channel-module.ts";

const fields = {
  endpoint: z.string().min(1),
  payload: z.string().max(100_000).optional(),
};

/** Starts an internal workflow by calling an endpoint with a JSON payload (a Liquid template). */
export const WebhookStep = channelStepObject("webhook", fields);
export type WebhookStep = z.infer<typeof WebhookStep>;

declare module "@overture/core" {
  interface ChannelStepSchemas {
    webhook: typeof WebhookStep;
  }
}

/** The webhook step: the core's part and the editor's. */
export const webhookStep: ChannelStepUi = {
  spec: {
    type: "webhook",
    channel: "webhook",
    label: "Webhook",
    fields,
    payload: (raw, at) => ({ endpoint: (raw as WebhookStep).endpoint, context: at.context }),
    problems(raw, checks, catalog) {
      const step = raw as WebhookStep;
      // A step may call a URL directly (it contains "://"); only endpoint names are looked up in the catalog.
      if (step.endpoint.includes("://")) return [];
      return checks.known("unknown-endpoint", "endpoint", step.endpoint, catalog.endpoints, "endpoint");
    },
    summary: (raw) => `Calls webhook '${(raw as WebhookStep).endpoint}'`,
    // A payload is for an internal workflow, not the customer: its addresses are not the customer seeing content.
    linksContent: false,
  },
  icon: "⇄",
  description: "Starts an internal workflow by calling an endpoint with a JSON payload",
  nouns: { one: "webhook call", many: "webhook calls" },
  defaults: { endpoint: "https://example.com/hook", payload: "{}" },
  panel: [{ kind: "custom", editor: "webhook" }],
  backstage: true,
};
