import { z } from "zod";
import { named } from "./registry.ts";

/** PUT /v1/slots/:name. */
export const SlotInput = z.object({
  defaultContentId: z.string().min(1).nullable().default(null),
  description: z.string().max(500).default(""),
});

/** A named place in a portal or site and what it shows by default. */
export const SlotSchema = named(
  "Slot",
  z.object({
    name: z.string(),
    defaultContentId: z.string().nullable(),
    description: z.string(),
    updatedAt: z.number(),
  }),
);
/** GET /v1/slots: by name. */
export const SlotListSchema = z.object({ slots: z.array(SlotSchema) });

const UseSchema = z.union([
  z.object({
    type: z.literal("step"),
    journeyId: z.string(),
    journeyName: z.string(),
    journeyStatus: z.string(),
    stepId: z.string(),
    stepName: z.string(),
    how: z
      .enum(["shows-in-slot", "links"])
      .describe("shows-in-slot: a personalize step; links: an email or notification links to the item's url."),
    slot: z.string().optional(),
    inDraft: z.boolean().describe("The journey's draft has this step."),
    live: z.boolean().describe("The published version customers enter has this step."),
  }),
  z.object({ type: z.literal("slot-default"), slot: z.string() }),
]);

/** GET /v1/usage: where each content item and slot is used (core's `findContentUsage` answers it). */
export const UsageSchema = named(
  "ContentUsage",
  z.object({ content: z.record(z.string(), z.array(UseSchema)), slots: z.record(z.string(), z.array(UseSchema)) }),
);
