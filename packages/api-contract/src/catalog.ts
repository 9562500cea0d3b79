import { z } from "zod";
import { named } from "./registry.ts";

/** GET /v1/catalog: what the workspace has seen, for the editor's pickers. */
export const CatalogSchema = named(
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
