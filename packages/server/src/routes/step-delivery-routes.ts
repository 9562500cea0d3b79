import {
  JourneyDeliveriesQuery,
  JourneyDeliveriesSchema,
  StepDeliveriesQuery,
  StepDeliveryPageSchema,
} from "@overture/api-contract";
import { defineRoute, type RouteDef } from "../route.ts";

const tag = "Journeys";
const id = (params: Record<string, string>) => params.id ?? "";

/** What became of each channel step's deliveries, and one step's deliveries (issue 15: the canvas shows and links them). */
export const stepDeliveryRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/deliveries",
    operationId: "journeyDeliveries",
    summary: "Delivery outcomes per channel step: sent, queued, deferred, retrying, skipped and dead (with reasons)",
    tag,
    auth: "secret",
    query: JourneyDeliveriesQuery,
    success: {
      status: 200,
      description: "One entry per step that has deliveries.",
      schema: JourneyDeliveriesSchema,
    },
    errors: [404],
    handle: ({ overture, workspaceId, params, query }) =>
      overture.journeys.deliveries(workspaceId, id(params), query.version),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/steps/:stepId/deliveries",
    operationId: "stepDeliveries",
    summary: "List one step's deliveries, newest first, optionally of one outcome (one page)",
    tag,
    auth: "secret",
    query: StepDeliveriesQuery,
    success: {
      status: 200,
      description: "The deliveries, and the cursor of the next page.",
      schema: StepDeliveryPageSchema,
    },
    errors: [404],
    handle: async ({ overture, workspaceId, params, query }) => {
      const items = await overture.journeys.deliveriesAtStep(workspaceId, id(params), params.stepId ?? "", query);
      const last = items.at(-1);
      return { items, next: items.length === query.limit && last ? last.seq : null };
    },
  }),
];
