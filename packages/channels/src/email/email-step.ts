import { channelStepObject, describeTemplateText } from "@overture/core";
import { z } from "zod";
import type { ChannelStepUi } from "../channel-module.ts";

/**
 * One block of an email made in the editor's block editor. The blocks only describe how the body was made (so the
 * editor can open it again as blocks); the engine and the channel send `body`, the MJML generated from them.
 */
export const EmailBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), text: z.string().max(2000) }),
  z.object({ type: z.literal("text"), text: z.string().max(20_000) }),
  z.object({ type: z.literal("button"), label: z.string().max(200), url: z.string().max(2000) }),
  z.object({ type: z.literal("image"), src: z.string().max(2000), alt: z.string().max(500).default("") }),
  z.object({ type: z.literal("divider") }),
  z.object({ type: z.literal("spacer"), height: z.number().int().min(4).max(200).default(24) }),
  z.object({
    type: z.literal("recommended-items"),
    /** The journey context key a recommend step stored its items under (its `into`). */
    from: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a recommend step's `into` name: letters, digits and '_'")
      .default("recommendations"),
  }),
]);
export type EmailBlock = z.infer<typeof EmailBlock>;

const fields = {
  templateId: z.string().min(1).optional(),
  subject: z.string().max(500).optional(),
  preheader: z.string().max(500).optional(),
  body: z.string().max(500_000).optional(),
  /** Set by the editor's block editor: the blocks `body` was generated from. Optional; older documents have none. */
  blocks: z.array(EmailBlock).max(200).optional(),
};

/** Email content: MJML body with Liquid variables, or a reference to a saved template. */
export const EmailStep = channelStepObject("email", fields);
export type EmailStep = z.infer<typeof EmailStep>;

declare module "@overture/core" {
  interface ChannelStepSchemas {
    email: typeof EmailStep;
  }
}

/** The email step: the core's part (fields, payload, checks, summary) and the editor's (palette, panel). */
export const emailStep: ChannelStepUi = {
  spec: {
    type: "email",
    channel: "email",
    label: "Email",
    fields,
    payload: (_step, at) => ({ context: at.context }),
    problems(raw, checks, catalog) {
      const step = raw as EmailStep;
      if (step.templateId === undefined && !(step.subject && step.body))
        return [
          checks.problem(
            "email-without-content",
            `${checks.where} has no content: choose a template, or write a subject and a body`,
          ),
        ];
      if (step.templateId === undefined) return [];
      return checks.known("unknown-template", "template", step.templateId, catalog.templates, "templateId");
    },
    summary(raw, names) {
      const step = raw as EmailStep;
      if (step.subject) return `Sends email '${describeTemplateText(step.subject)}'`;
      return step.templateId
        ? `Sends email template '${names.templateName?.(step.templateId) || step.templateId}'`
        : "Sends an email (no content yet)";
    },
  },
  icon: "✉",
  description: "Sends an email made of blocks, with live preview",
  nouns: { one: "email", many: "emails" },
  defaults: { subject: "", preheader: "", body: "" },
  panel: [{ kind: "custom", editor: "email" }],
  preview: "html",
};
