import { CatalogSchema } from "@overture/api-contract";
import { readWorkspaceCatalog } from "@overture/channels";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

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
