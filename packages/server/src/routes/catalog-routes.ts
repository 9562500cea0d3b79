import { readWorkspaceCatalog } from "@overture/channels";
import { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";
import { named } from "../schemas.ts";
import { portalStore } from "./portal-routes.ts";

const CatalogSchema = named(
  "WorkspaceCatalog",
  z.object({
    events: z.array(z.object({ name: z.string(), count: z.number(), properties: z.array(z.string()) })),
    attributes: z.array(
      z.object({
        name: z.string(),
        count: z.number(),
        samples: z.array(z.union([z.string(), z.number(), z.boolean()])),
      }),
    ),
    topics: z.array(z.string()),
    content: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        type: z.string(),
        topics: z.array(z.string()),
        imageUrl: z.string().optional(),
      }),
    ),
    slots: z.array(z.object({ name: z.string(), description: z.string(), defaultContentId: z.string().nullable() })),
    webhookEndpoints: z.array(z.object({ name: z.string(), url: z.string() })),
    emailTemplates: z.array(z.object({ id: z.string(), name: z.string(), subject: z.string() })),
    sampled: z.object({ events: z.number(), customers: z.number() }),
  }),
);

/** GET /v1/catalog: the names the workspace has seen, for the editor's pickers (secret key). */
export const catalogRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/catalog",
    operationId: "getCatalog",
    summary:
      "What the workspace has seen: event names and their properties, attributes, topics, content, slots, webhook endpoints, email templates",
    description:
      "Event names (most frequent first, with the property names seen) come from the most recent 2,000 events; attributes (with up to five " +
      "sample values) from a sample of 500 profiles; content, topics, slots and endpoints are listed in full.",
    tag: "Catalog",
    auth: "secret",
    success: { status: 200, description: "The catalog.", schema: CatalogSchema },
    handle: async ({ overture, workspaceId }) => readWorkspaceCatalog(await portalStore(overture), workspaceId),
  }),
];
