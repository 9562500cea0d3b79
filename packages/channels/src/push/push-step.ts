import { describeTemplateText, type Json } from "@overture/core";
import { z } from "zod";
import type { ChannelStepUi } from "../channel-module.ts";

/** Longest title and body a push step may hold: browsers cut notifications far shorter (about 50 and 150 shown). */
export const PUSH_TITLE_MAX = 200;
export const PUSH_BODY_MAX = 1000;

const liquidText = (what: string, max: number) =>
  z
    .string({ error: `the ${what} is text (Liquid allowed)` })
    .min(1, { error: `write a ${what}` })
    .max(max, { error: `the ${what} is at most ${max} characters` });

/**
 * The web push step, as the core and the editor see it (browser-safe: no Node, no I/O). The title, body and url are
 * Liquid rendered per customer when it is sent; the outbox row carries the journey context, as email's does.
 */
export const pushStep: ChannelStepUi = {
  spec: {
    type: "push",
    channel: "push",
    label: "Web push",
    fields: {
      title: liquidText("title", PUSH_TITLE_MAX),
      body: liquidText("body", PUSH_BODY_MAX),
      url: z.string().max(2000, { error: "the url is at most 2000 characters" }).optional(),
      icon: z.string().max(2000, { error: "the icon is at most 2000 characters" }).optional(),
    },
    payload: (_step, at) => ({ context: { ...at.context } as Record<string, Json> }),
    summary: (step) => `Sends web push '${describeTemplateText(typeof step.title === "string" ? step.title : "")}'`,
  },
  icon: "📲",
  nouns: { one: "push notification", many: "push notifications" },
  description: "Shows a notification on the customer's browser or phone, even when the portal is closed.",
  defaults: { title: "Hello {{ customer.firstName | default: 'there' }}", body: "Something new for you." },
  panel: [
    {
      kind: "template",
      key: "title",
      label: "Title",
      rows: 1,
      required: true,
      help: "Browsers show about 50 characters",
    },
    {
      kind: "template",
      key: "body",
      label: "Body",
      rows: 3,
      required: true,
      help: "Browsers show about 150 characters",
    },
    { kind: "url", key: "url", label: "Opens", help: "Where a click on the notification goes (Liquid allowed)" },
    { kind: "url", key: "icon", label: "Icon", help: "An image URL shown beside the text" },
  ],
  preview: "push-card",
};
