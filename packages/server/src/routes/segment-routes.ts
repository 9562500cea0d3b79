import { SegmentResultSchema } from "@overture/api-contract";
import { z } from "zod";
import { ingestItems, ingestOne } from "../ingest.ts";
import { withholdProtectedChanges, withRefusals } from "../protected-identity.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import {
  mapSegmentBatch,
  mapSegmentMessage,
  SegmentBatchEnvelope,
  SegmentBatchInput,
  SegmentIdentify,
  SegmentPage,
  SegmentTrack,
} from "../segment/map-segment.ts";
import { BATCH_BODY_LIMIT } from "./event-routes.ts";

const tag = "Segment";
const description =
  "Segment HTTP tracking API compatible: authenticate with HTTP Basic, the write key as user name and an empty password (or `writeKey` in the body).";

const single = (
  prefix: string,
  type: "track" | "identify" | "page" | "screen",
  doc: z.ZodType,
  summary: string,
): RouteDef =>
  defineRoute({
    method: "post",
    path: `${prefix}/v1/${type}`,
    operationId: `segment${type[0]?.toUpperCase()}${type.slice(1)}${prefix ? "Prefixed" : ""}`,
    summary,
    description,
    tag,
    auth: "write",
    segment: true,
    body: z.unknown(),
    bodyDoc: doc,
    success: {
      status: 200,
      description: "Stored (or a duplicate of a message already stored).",
      schema: SegmentResultSchema,
    },
    handle: async ({ overture, workspaceId, body, c }) => {
      const items = [mapSegmentMessage(type, body, { receivedAt: overture.clock.now() })];
      const refused = await withholdProtectedChanges(overture, workspaceId, c, {
        items,
        field: "traits",
        batch: false,
        body,
      });
      return withRefusals(
        { success: true, ...(await ingestOne(overture, workspaceId, items[0] as (typeof items)[0])) },
        refused,
      );
    },
  });

const batch = (prefix: string, name: "batch" | "import"): RouteDef =>
  defineRoute({
    method: "post",
    path: `${prefix}/v1/${name}`,
    operationId: `segment${name === "batch" ? "Batch" : "Import"}${prefix ? "Prefixed" : ""}`,
    summary: name === "batch" ? "Segment batch: many messages of any type" : "Segment import (the same as batch)",
    description: `${description} Refused messages are reported by their index in \`batch\`; the others are kept.`,
    tag,
    auth: "write",
    segment: true,
    body: SegmentBatchEnvelope,
    bodyDoc: SegmentBatchInput,
    maxBodyBytes: BATCH_BODY_LIMIT,
    success: {
      status: 200,
      description: "How many were stored, duplicates, and each refused message by index.",
      schema: SegmentResultSchema,
    },
    handle: async ({ overture, workspaceId, body, c }) => {
      const items = mapSegmentBatch(body, overture.clock.now());
      const refused = await withholdProtectedChanges(overture, workspaceId, c, {
        items,
        field: "traits",
        batch: true,
        body,
      });
      return withRefusals({ success: true, ...(await ingestItems(overture, workspaceId, items)) }, refused);
    },
  });

const routesAt = (prefix: string): RouteDef[] => [
  single(prefix, "identify", SegmentIdentify, "Segment identify: merge traits into the customer"),
  single(prefix, "track", SegmentTrack, "Segment track: record an event"),
  single(prefix, "page", SegmentPage, "Segment page: record page.viewed"),
  single(prefix, "screen", SegmentPage, "Segment screen: record screen.viewed"),
  batch(prefix, "batch"),
  batch(prefix, "import"),
];

/** The Segment tracking API, at /v1/… (so an SDK needs only a new host) and at /segment/v1/…. */
export const segmentRoutes: RouteDef[] = [...routesAt(""), ...routesAt("/segment")];
