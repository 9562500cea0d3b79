import { z } from "zod";
import { Ms } from "./common.ts";
import { CustomerSchema, TransitionSchema } from "./customers.ts";
import { InstanceSchema } from "./journeys.ts";
import { OutboxEntrySchema } from "./outbox.ts";
import { named } from "./registry.ts";

/**
 * Customers' data rights (issue 13, docs/decisions/0036): erasure, export and retention. The answers hold the
 * customer's id and counts, nothing else of theirs, so the audit log that records them keeps no personal data.
 */

const Rows = z.array(z.record(z.string(), z.unknown()));

/** DELETE /v1/customers/:id: what was erased, by kind; every count 0 for an unknown customer. */
export const CustomerErasureSchema = named(
  "CustomerErasure",
  z.object({
    customerId: z.string(),
    erasedAt: Ms,
    erased: z
      .record(z.string(), z.number().int())
      .describe(
        "Rows erased by kind: profile, events, instances, history, outbox, deliveries, each channel's (notifications, slotAssignments, contentViews, pushSubscriptions) and mailbox copies.",
      ),
    tombstone: z
      .literal(true)
      .describe("Late events for this id are dropped until the customer is identified again (PUT or identify)."),
  }),
);

/** GET /v1/customers/:id/export: everything held about the customer, as one document (empty after an erasure). */
export const CustomerExportSchema = named(
  "CustomerExport",
  z.object({
    customerId: z.string(),
    exportedAt: Ms,
    profile: CustomerSchema.nullable(),
    events: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        properties: z.record(z.string(), z.unknown()),
        at: Ms,
        receivedAt: Ms,
      }),
    ),
    journeys: z
      .array(InstanceSchema.extend({ transitions: z.array(TransitionSchema) }))
      .describe("Each entry into a journey, with its history."),
    deliveries: z.object({
      outbox: z.array(OutboxEntrySchema),
      facts: z.array(
        z.object({ outboxKey: z.string(), channel: z.string(), status: z.string(), detail: z.unknown(), at: Ms }),
      ),
    }),
    channels: z
      .record(z.string(), Rows)
      .describe("Each channel's rows: notifications, slotAssignments, contentViews, pushSubscriptions."),
    mailbox: Rows.describe("Copies in the development mailbox addressed to the customer's email (npm start)."),
  }),
);

/** The shortest window retention accepts: frequency caps and "in the last N days" branches look this far back. */
export const MIN_RETENTION_DAYS = 30;

const Days = z
  .number()
  .int()
  .min(MIN_RETENTION_DAYS, `at least ${MIN_RETENTION_DAYS} days`)
  .max(36_500)
  .nullable()
  .describe(`Days kept (at least ${MIN_RETENTION_DAYS}); null keeps them forever.`);

/** PUT /v1/retention. */
export const RetentionInput = named(
  "RetentionInput",
  z.object({
    events: Days.describe("Processed events older than this are deleted; null: kept forever."),
    history: Days.describe("The history of finished journey entries older than this is deleted; null: kept."),
    deliveries: Days.describe("Finished delivery records (outbox rows and their facts) older than this; null: kept."),
  }),
);

/** GET /v1/retention: the workspace's windows (all null until set: nothing is deleted). */
export const RetentionSchema = named(
  "Retention",
  RetentionInput.extend({
    minimumDays: z.literal(MIN_RETENTION_DAYS),
    updatedAt: Ms.nullable(),
  }),
);

export type CustomerErasure = z.infer<typeof CustomerErasureSchema>;
export type CustomerExport = z.infer<typeof CustomerExportSchema>;
export type Retention = z.infer<typeof RetentionSchema>;
export type RetentionSettings = z.infer<typeof RetentionInput>;
