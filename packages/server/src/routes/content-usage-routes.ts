import { UsageSchema } from "@overture/api-contract";
import { listContent, listSlots } from "@overture/channels";
import { findContentUsage } from "@overture/core";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

/** GET /v1/usage: where each content item and slot is used (secret key). */
export const contentUsageRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/usage",
    operationId: "contentUsage",
    summary: "Where each content item and slot is used: journey steps and slot defaults",
    description:
      "Read from every journey that is not archived, its draft and its published version: personalize steps (slot and item), emails and " +
      "notifications that link to an item's url, and the slots that show an item by default. Items and slots nobody uses have an empty list; " +
      "a slot or item a journey names that does not exist is listed too.",
    tag: "Content",
    auth: "secret",
    success: { status: 200, description: "Uses by content id and by slot name.", schema: UsageSchema },
    handle: async ({ overture, workspaceId }) => {
      const store = await portalStore(overture);
      const [journeys, content, slots] = await Promise.all([
        overture.journeys.list(workspaceId),
        listContent(store, workspaceId),
        listSlots(store, workspaceId),
      ]);
      const withLive = await Promise.all(
        journeys.map(async (j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          draft: j.draft,
          live:
            j.currentVersion === null
              ? null
              : (await overture.journeys.version(workspaceId, j.id, j.currentVersion)).document,
        })),
      );
      return findContentUsage({ journeys: withLive, content, slots });
    },
  }),
];
