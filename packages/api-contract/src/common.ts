import { z } from "zod";
import { named } from "./registry.ts";

const Id = z.string().min(1).max(200);

/** A customer id, as events carry it: 1–200 characters. */
export const CustomerId = Id;

/** An id of the caller's system (an event's idempotency id, a customer id): 1–200 characters. */
export const ExternalId = Id;

/** Any JSON object. */
export const JsonObject = z.record(z.string(), z.unknown());

/** An instant in a response: epoch milliseconds. */
export const Ms = z.number().int().describe("Epoch milliseconds.");

/** Epoch milliseconds or an ISO 8601 date-time with an offset ("2025-03-01T09:30:00Z"). */
export const Timestamp = z
  .union([
    z.iso.datetime({
      offset: true,
      error: 'an ISO 8601 date-time with a time zone ("2025-03-01T09:30:00Z") or epoch milliseconds',
    }),
    z.number().int().nonnegative({ error: "epoch milliseconds cannot be negative" }),
  ])
  .describe(
    'When it happened: epoch milliseconds or ISO 8601 ("2025-03-01T09:30:00Z"). Defaults to the time it is received.',
  );

/** A version number in a path. */
export const VersionParam = z.coerce.number().int().positive();

/** One problem of a refused call or an invalid journey, with where it is. */
export const ProblemSchema = named(
  "Problem",
  z.object({
    path: z.string().describe('Where: "events[2].name", "steps[3].next", or "" for the whole body.'),
    code: z.string().describe("A stable code (see docs/errors.md)."),
    message: z.string(),
    stepId: z.string().optional().describe("The journey step the problem concerns."),
    field: z
      .string()
      .optional()
      .describe("A template problem: the field of the step it is in (subject, body, title, payload…)."),
    line: z.number().int().optional().describe("A template problem: the line inside that field, from 1."),
    column: z.number().int().optional().describe("A template problem: the column on that line, from 1."),
  }),
);

/** The body of every answer that is not a success. */
export const ErrorSchema = named(
  "Error",
  z.object({
    error: z.object({
      code: z.string().describe("A stable code (see docs/errors.md)."),
      message: z.string(),
      problems: z.array(ProblemSchema),
    }),
  }),
);
