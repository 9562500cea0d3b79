import { channelStepObject, Duration, describeDuration, describeTemplateText, durationMs } from "@overture/core";
import { z } from "zod";
import type { ChannelStepUi } from "../channel-module.ts";

const fields = {
  title: z.string().min(1).max(500),
  body: z.string().max(20_000).default(""),
  link: z.string().max(2000).optional(),
  expiresAfter: Duration.optional(),
};

/** A notification in the customer's portal inbox, shown live when they are online. */
export const NotificationStep = channelStepObject("notification", fields);
export type NotificationStep = z.infer<typeof NotificationStep>;

declare module "@overture/core" {
  interface ChannelStepSchemas {
    notification: typeof NotificationStep;
  }
}

/** The portal notification step: the core's part and the editor's. */
export const notificationStep: ChannelStepUi = {
  spec: {
    type: "notification",
    channel: "notification",
    label: "Portal notification",
    fields,
    payload(raw, at) {
      const step = raw as NotificationStep;
      return { context: at.context, expiresAt: step.expiresAfter ? at.now + durationMs(step.expiresAfter) : null };
    },
    problems: (raw, checks) => checks.duration((raw as NotificationStep).expiresAfter, "expiresAfter"),
    summary(raw) {
      const step = raw as NotificationStep;
      const expiry = step.expiresAfter ? ` for ${describeDuration(step.expiresAfter)}` : "";
      return `Shows portal notification '${describeTemplateText(step.title)}'${expiry}`;
    },
  },
  icon: "🔔",
  description: "Shows a notification in the customer's portal inbox",
  nouns: { one: "notification", many: "notifications" },
  defaults: { title: "New notification", body: "" },
  panel: [{ kind: "custom", editor: "notification" }],
  preview: "notification-card",
};
