import { z } from "zod";
import { named } from "./registry.ts";

/** The most synthetic customers one simulation may run through the API: a few seconds of work, not minutes. */
export const MAX_SIMULATED_CUSTOMERS = 5_000;

/** POST /v1/journeys/:id/simulations. */
export const SimulationInput = named(
  "SimulationInput",
  z
    .object({
      customers: z
        .number()
        .int()
        .min(1)
        .max(MAX_SIMULATED_CUSTOMERS)
        .optional()
        .describe(`Synthetic customers (1–${MAX_SIMULATED_CUSTOMERS}, default 500).`),
      days: z.number().int().min(1).max(365).optional().describe("Virtual days to run (1–365, default 30)."),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .optional()
        .describe("Seed of the synthetic customers (default 1): the same seed gives the same funnel."),
    })
    .optional(),
);

const FunnelStep = z.object({
  stepId: z.string(),
  reached: z.number().int(),
  waiting: z.number().int(),
  passed: z.number().int(),
  exited: z.number().int(),
  converted: z.number().int(),
  outcomes: z
    .record(z.string(), z.number().int())
    .describe('How many took each exit ("next", "event", "timeout", an arm id, "else").'),
});

/** A draft simulation: its progress and, once done, the funnel per step. */
export const SimulationSchema = named(
  "Simulation",
  z.object({
    id: z.string(),
    journeyId: z.string(),
    state: z.enum(["running", "done", "failed"]),
    progress: z.number().min(0).max(1),
    customers: z.number().int(),
    days: z.number().int(),
    seed: z.number().int(),
    virtualDay: z.number(),
    entered: z.number().int(),
    converted: z.number().int(),
    funnel: z.array(FunnelStep),
    error: z.string().optional(),
    nobodyEntered: z
      .string()
      .optional()
      .describe("When nobody entered, why, in plain words (a trigger event set to 0 %, a filter nobody matched…)."),
  }),
);
