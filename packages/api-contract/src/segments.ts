import { SegmentDefinition, SegmentRule } from "@overture/core";
import { z } from "zod";
import { Ms } from "./common.ts";
import { named } from "./registry.ts";

// Rules nest (all/any/not), so they need a name to be referred to.
named("SegmentRule", SegmentRule);

/** POST /v1/segments and PUT /v1/segments/:id: a dynamic segment (a rule) or a static one (members imported). */
export const SegmentInput = named("SegmentInput", SegmentDefinition);

/** A journey that names the segment (trigger, branch arm, exit criterion), so a delete can say which. */
export const SegmentUseSchema = z.object({
  journeyId: z.string(),
  name: z.string(),
  status: z.string().describe("The journey's status: draft, active, paused, archived."),
});

/** A segment as listed and read. */
export const SegmentSchema = named(
  "Segment",
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(["dynamic", "static"]),
    rule: SegmentRule.nullable().describe("The rule tree of a dynamic segment; null for a static one."),
    size: z.number().int().describe("Customers in the segment now."),
    status: z
      .enum(["building", "ready"])
      .describe("building: membership is being computed for everyone after a create or a rule change."),
    built: z
      .object({ partitions: z.number().int(), of: z.number().int() })
      .describe("How far the build has gone (partitions done of all)."),
    createdAt: Ms,
    updatedAt: Ms,
    usedBy: z.array(SegmentUseSchema),
  }),
);

/** GET /v1/segments/:id: the segment with its size over time (one point per hour it changed, newest last). */
export const SegmentDetailSchema = named(
  "SegmentDetail",
  SegmentSchema.extend({ sizeHistory: z.array(z.object({ at: Ms, size: z.number().int() })) }),
);

export const SegmentListSchema = named("SegmentList", z.object({ segments: z.array(SegmentSchema) }));

/** GET /v1/segments/:id/members: one page, in customer id order. */
export const SegmentMembersQuery = z.object({
  after: z.string().optional().describe("The last customer id of the previous page."),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const SegmentMembersSchema = named(
  "SegmentMembers",
  z.object({
    members: z.array(
      z.object({
        customerId: z.string(),
        since: Ms.describe("When the customer entered the segment."),
        attributes: z.record(z.string(), z.unknown()),
      }),
    ),
    next: z.string().nullable().describe("Pass as `after` for the next page; null on the last page."),
    total: z.number().int(),
  }),
);

/** POST /v1/segments/estimate: the rule being edited. */
export const SegmentEstimateInput = named("SegmentEstimateInput", z.object({ rule: SegmentRule }));
export const SegmentEstimateSchema = named(
  "SegmentEstimate",
  z.object({
    estimate: z.number().int().describe("Customers the rule would hold now."),
    low: z.number().int().describe("Lower end of the 95% interval (equal to estimate when exact)."),
    high: z.number().int(),
    exact: z.boolean().describe("True when every customer was evaluated (small workspaces)."),
    sampled: z.number().int().describe("Customers evaluated."),
    population: z.number().int().describe("Customers in the workspace."),
    ms: z.number().describe("How long the estimate took."),
  }),
);

/** POST /v1/segments/:id/members/import: a static segment's members from a CSV of customer ids. */
export const SegmentImportInput = z.object({
  csv: z
    .string()
    .max(20_000_000, "at most 20 MB of CSV")
    .describe("A CSV with a header row holding `customerId` (or `id`), or one customer id per line without a header."),
  mode: z.enum(["replace", "add"]).default("replace"),
});
export const SegmentImportSchema = named(
  "SegmentImport",
  z.object({
    imported: z.number().int(),
    size: z.number().int(),
    skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })).describe("At most 100 are listed."),
  }),
);

export const SegmentDeletedSchema = z.object({ deleted: z.literal(true) });
