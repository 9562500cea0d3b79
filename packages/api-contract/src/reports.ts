import { z } from "zod";
import { Ms } from "./common.ts";
import { named } from "./registry.ts";

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'an ISO 8601 date-time with a time zone ("2027-01-01T00:00:00Z")',
});

/** A share between 0 and 1; null when there is nothing to divide by. */
const Rate = z.number().min(0).max(1).nullable();

/** GET /v1/journeys/:id/report and GET /v1/reports/overview: a date range (default: the last 30 days) and a bucket size. */
export const ReportQuery = z.object({
  from: IsoDateTime.optional().describe("Start of the range (inclusive); default 30 days before `to`."),
  to: IsoDateTime.optional().describe("End of the range (exclusive); default now."),
  interval: z.enum(["hour", "day", "week"]).default("day"),
});

/** One bucket of the journey's series. */
export const ReportPointSchema = z.object({
  at: Ms.describe("Start of the bucket (UTC)."),
  entries: z.number().int(),
  conversions: z.number().int(),
  conversionRate: Rate,
  avgTimeToConvertMs: z.number().nullable(),
});

/** A step of the funnel: how many reached it, and how many of those went no further. */
export const FunnelStepSchema = z.object({
  stepId: z.string(),
  name: z.string(),
  type: z.string(),
  reached: z.number().int(),
  dropOff: z.number().int().describe("Reached this step and no later one (in this range)."),
  dropOffRate: Rate,
});

/** One message step's outcomes. */
export const MessageOutcomesSchema = z.object({
  stepId: z.string(),
  name: z.string(),
  channel: z.string(),
  sent: z.number().int(),
  delivered: z.number().int().describe("Accepted by the provider (SMTP 250, a 2xx from the SMS or push service)."),
  deferred: z.number().int(),
  skipped: z.number().int(),
  skippedByReason: z.record(z.string(), z.number().int()),
  bounced: z.number().int(),
  failed: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  unsubscribed: z.number().int(),
  rates: z.object({
    delivered: Rate,
    bounced: Rate,
    opened: Rate,
    clicked: Rate,
    unsubscribed: Rate,
  }),
});

/** Whether a split's arms differ in goal conversion, with the method and its figures. */
export const SignificanceSchema = z.object({
  method: z.literal("chi-square"),
  statistic: z.number(),
  degreesOfFreedom: z.number().int(),
  pValue: z.number(),
  significant: z.boolean().describe("pValue < 0.05 and every arm has at least 30 customers."),
  /** Bayesian: the probability each arm has the best conversion rate (Beta(1,1) priors). */
  probabilityToBeBest: z.record(z.string(), z.number()),
  note: z.string().describe("The verdict in words, for the screen."),
});

export const SplitReportSchema = z.object({
  stepId: z.string(),
  name: z.string(),
  goal: z.string().nullable().describe("The journey goal the arms are compared on; null without one."),
  arms: z.array(
    z.object({
      armId: z.string(),
      label: z.string(),
      entered: z.number().int(),
      converted: z.number().int(),
      conversionRate: Rate,
    }),
  ),
  significance: SignificanceSchema.nullable(),
});

/** GET /v1/journeys/:id/report. */
export const JourneyReportSchema = named(
  "JourneyReport",
  z.object({
    journeyId: z.string(),
    from: Ms,
    to: Ms,
    interval: z.enum(["hour", "day", "week"]),
    totals: z.object({
      entries: z.number().int(),
      conversions: z.number().int(),
      conversionRate: Rate,
      avgTimeToConvertMs: z.number().nullable(),
      completed: z.number().int(),
      exited: z.number().int(),
    }),
    series: z.array(ReportPointSchema),
    funnel: z.array(FunnelStepSchema),
    messages: z.array(MessageOutcomesSchema),
    splits: z.array(SplitReportSchema),
  }),
);

/** GET /v1/reports/overview. */
export const ReportsOverviewSchema = named(
  "ReportsOverview",
  z.object({
    from: Ms,
    to: Ms,
    activeJourneys: z.array(
      z.object({
        journeyId: z.string(),
        name: z.string(),
        entries: z.number().int(),
        conversions: z.number().int(),
        conversionRate: Rate,
      }),
    ),
    messagesPerDay: z.array(z.object({ day: Ms, channel: z.string(), sent: z.number().int() })),
    deliverability: z.object({
      sent: z.number().int(),
      delivered: z.number().int(),
      bounced: z.number().int(),
      complaints: z.number().int(),
      unsubscribed: z.number().int(),
      rates: z.object({ bounced: Rate, complaints: Rate, unsubscribed: Rate }),
    }),
    topContent: z.array(
      z.object({
        contentId: z.string(),
        title: z.string().nullable(),
        dwellMs: z.number(),
        views: z.number().int(),
      }),
    ),
    segments: z.array(z.object({ segmentId: z.string(), name: z.string(), size: z.number().int() })),
  }),
);
