import { EventBatchEnvelope, EventBatchInput, EventInput, IngestResultSchema } from "@overture/api-contract";
import { z } from "zod";
import { ingestItems, ingestOne } from "../ingest.ts";
import { mapEvent } from "../map-event.ts";
import { withholdProtectedChanges, withRefusals } from "../protected-identity.ts";
import { defineRoute, type RouteDef } from "../route.ts";

const tag = "Events";

/** Largest batch body in bytes. */
export const BATCH_BODY_LIMIT = 5 * 1024 * 1024;

/** Event ingestion: an accepted event is durable before the answer; a resent id is accepted once. */
export const eventRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/events",
    operationId: "ingestEvent",
    summary: "Send one event",
    description:
      "Answers 200 once the event is stored durably. A resent event with the same id counts as a duplicate, not an error. " +
      "With the write key, changes to protected attributes (email, phone, consent, and the workspace's own) need a signed identity " +
      "(X-Customer-Id and X-Customer-Token headers); without one they are left out and listed in `refused`, the rest is applied.",
    tag,
    auth: "write",
    body: z.unknown(),
    bodyDoc: EventInput,
    success: {
      status: 200,
      description: "Stored (accepted: 1) or already stored (duplicates: 1).",
      schema: IngestResultSchema,
    },
    handle: async ({ overture, workspaceId, body, c }) => {
      const items = [mapEvent(body)];
      const refused = await withholdProtectedChanges(overture, workspaceId, c, {
        items,
        field: "attributes",
        batch: false,
        body,
      });
      return withRefusals(await ingestOne(overture, workspaceId, items[0] as (typeof items)[0]), refused);
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/events/batch",
    operationId: "ingestEvents",
    summary: "Send a batch of events; bad ones are reported by index, good ones are kept",
    description:
      "Answers 200 whenever the envelope is valid, even if some events were refused: check `errors`, where each refused event is named by its index in `events`.",
    tag,
    auth: "write",
    body: EventBatchEnvelope,
    bodyDoc: EventBatchInput,
    maxBodyBytes: BATCH_BODY_LIMIT,
    success: {
      status: 200,
      description: "How many were stored, how many were duplicates, and each refused event by index.",
      schema: IngestResultSchema,
    },
    handle: async ({ overture, workspaceId, body, c }) => {
      const items = body.events.map(mapEvent);
      const refused = await withholdProtectedChanges(overture, workspaceId, c, {
        items,
        field: "attributes",
        batch: true,
        body,
      });
      return withRefusals(await ingestItems(overture, workspaceId, items), refused);
    },
  }),
];
