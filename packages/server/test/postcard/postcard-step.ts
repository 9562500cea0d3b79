import type { ChannelStepUi } from "@overture/channels";
import { z } from "zod";

/**
 * A throwaway channel for the test that adding a channel is one folder and one registry line: a postcard with a
 * message, sent to a "printer" (its dev sink). Nothing outside this folder names it.
 */
export const postcardStep: ChannelStepUi = {
  spec: {
    type: "postcard",
    channel: "postcard",
    label: "Postcard",
    fields: { message: z.string().max(300), stamp: z.enum(["plain", "fancy"]).default("plain") },
    payload: (step, at) => ({ stamp: String(step.stamp), context: at.context }),
    problems: (step, checks) =>
      String(step.message).trim() === ""
        ? [checks.problem("email-without-content", `${checks.where} has no message`, "message")]
        : [],
    summary: (step) => `Mails a postcard '${String(step.message)}'`,
  },
  icon: "✉",
  description: "Mails a printed postcard",
  nouns: { one: "postcard", many: "postcards" },
  defaults: { message: "", stamp: "plain" },
  panel: [
    { kind: "template", key: "message", label: "Message", counter: (text) => `${300 - text.length} characters left` },
    {
      kind: "select",
      key: "stamp",
      label: "Stamp",
      options: [
        { value: "plain", label: "Plain" },
        { value: "fancy", label: "Fancy" },
      ],
    },
  ],
  preview: "text-message",
};
