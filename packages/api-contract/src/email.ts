import { EmailBlock } from "@overture/channels/browser";
import { z } from "zod";
import { named } from "./registry.ts";

/** PUT /v1/email/templates/:id. */
export const TemplateInput = z.object({
  name: z.string().min(1).max(200).describe("What the editor's picker shows."),
  subject: z.string().min(1).max(500).describe("Liquid."),
  preheader: z.string().max(500).optional().describe("Liquid; the preview text mail clients show after the subject."),
  body: z.string().min(1).max(500_000).describe("MJML with Liquid."),
  blocks: z
    .array(EmailBlock)
    .max(200)
    .nullable()
    .optional()
    .describe("The blocks the body was made from (the editor's block editor); sending uses `body`."),
});

const Summary = {
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  preheader: z.string(),
  updatedAt: z.number().int().describe("Epoch milliseconds."),
};
/** A saved email template; `blocks` when it was made with the block editor. */
export const TemplateSchema = named(
  "EmailTemplate",
  z.object({ ...Summary, body: z.string(), blocks: z.array(EmailBlock).nullable() }),
);
/** GET /v1/email/templates: every template, without bodies. */
export const TemplateListSchema = named(
  "EmailTemplateList",
  z.object({ templates: z.array(named("EmailTemplateSummary", z.object(Summary))) }),
);
/** DELETE /v1/email/templates/:id. */
export const TemplateDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** PUT /v1/sender-identities/:id. Shapes only: the wording of bad addresses and names comes from the channels. */
export const SenderInput = z.object({
  fromName: z.string().max(200).describe("The name mail clients show, e.g. Acme Team."),
  fromAddress: z.string().max(320).describe("The From address, e.g. hello@acme.com."),
  replyTo: z.string().max(320).nullable().optional().describe("Where replies go; none: to the From address."),
  isDefault: z
    .boolean()
    .optional()
    .describe("Emails go out as the default identity; the first one saved is the default."),
});

/** Who an email says it is from, and where replies go. */
export const SenderSchema = named(
  "SenderIdentity",
  z.object({
    id: z.string(),
    fromName: z.string(),
    fromAddress: z.string(),
    replyTo: z.string().nullable(),
    isDefault: z.boolean(),
    updatedAt: z.number(),
  }),
);
/** GET /v1/sender-identities: the default first. */
export const SenderListSchema = z.object({ senders: z.array(SenderSchema) });
/** DELETE /v1/sender-identities/:id. */
export const SenderDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });
