import { z } from "zod";
import { JsonObject, Ms } from "./common.ts";
import { InstanceSchema } from "./journeys.ts";
import { named } from "./registry.ts";

const Json = z.unknown();

/** PUT /v1/customers/:id: attributes merged into the profile. */
export const CustomerInput = named(
  "CustomerInput",
  z.object({ attributes: JsonObject.describe("Attributes merged into the profile.") }),
);

/** A customer's profile. */
export const CustomerSchema = named(
  "Customer",
  z.object({ id: z.string(), attributes: z.record(z.string(), Json), createdAt: Ms, updatedAt: Ms }),
);

/** One move of an instance: the step it left and why. */
export const TransitionSchema = z.object({
  stepId: z.string(),
  kind: z.enum(["step", "goal", "exit", "complete"]),
  outcome: z.string(),
  reason: z.string(),
  at: Ms,
});

/** GET /v1/customers/:id: the profile, each entry into a journey with its path, and the recent events. */
export const CustomerHistorySchema = named(
  "CustomerHistory",
  z.object({
    customer: CustomerSchema,
    instances: z
      .array(InstanceSchema.extend({ transitions: z.array(TransitionSchema) }))
      .describe("Each entry into a journey, with its path."),
    recentEvents: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        customerId: z.string(),
        properties: z.record(z.string(), Json),
        at: Ms,
      }),
    ),
  }),
);
