import { named } from "@overture/api-contract";
import {
  ContentInputSchema,
  ContentUpdateSchema,
  createContent,
  deleteContent,
  getContent,
  listContent,
  parseContentFeed,
  upsertContent,
} from "@overture/channels";
import { InputError } from "@overture/runtime";
import { z } from "zod";
import { auditedChange } from "../access/audit-route.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

const tag = "Content";

const ContentItemSchema = named("ContentItem", ContentInputSchema.extend({ createdAt: z.number() }));

function notFound(id: string): InputError {
  return new InputError("not_found", `No content item '${id}' in this workspace.`, [
    { path: "id", code: "not_found", message: `no content '${id}'` },
  ]);
}

/** The content library: items the portal lists, slots show and recommendations pick from (secret key). */
export const contentRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/content",
    operationId: "createContent",
    summary: "Add a content item",
    tag,
    auth: "secret",
    body: ContentInputSchema,
    success: { status: 201, description: "The item as stored.", schema: ContentItemSchema },
    errors: [409],
    handle: async ({ overture, workspaceId, body }) =>
      createContent(await portalStore(overture), workspaceId, body, overture.clock.now()),
  }),
  defineRoute({
    method: "get",
    path: "/v1/content",
    operationId: "listContent",
    summary: "List the library, newest first; search text and filter by topic",
    tag,
    auth: "secret",
    query: z.object({ search: z.string().max(200).optional(), topic: z.string().max(100).optional() }),
    success: {
      status: 200,
      description: "The matching items.",
      schema: z.object({ items: z.array(ContentItemSchema) }),
    },
    handle: async ({ overture, workspaceId, query }) => ({
      items: await listContent(await portalStore(overture), workspaceId, query),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/content/import",
    operationId: "importContent",
    summary: "Import a JSON feed (an array of items, or { items: [...] }); items are created or replaced by id",
    description: "Invalid items are reported by their index in the feed; the valid ones are kept.",
    tag,
    auth: "secret",
    body: z.unknown(),
    bodyDoc: z.union([z.array(ContentInputSchema), z.object({ items: z.array(ContentInputSchema) })]),
    maxBodyBytes: 5 * 1024 * 1024,
    success: {
      status: 200,
      description: "How many items were created and updated, and each refused item by index.",
      schema: z.object({
        created: z.number(),
        updated: z.number(),
        errors: z.array(
          z.object({ index: z.number(), code: z.string(), message: z.string(), problems: z.array(z.unknown()) }),
        ),
      }),
    },
    handle: async ({ overture, workspaceId, body }) => {
      const feed = parseContentFeed(body);
      if (!feed) {
        throw new InputError(
          "invalid_input",
          "The feed must be a JSON array of content items, or an object { items: [...] }.",
          [{ path: "", code: "invalid_type", message: "expected an array or { items: [...] }" }],
        );
      }
      const counts = await upsertContent(await portalStore(overture), workspaceId, feed.items, overture.clock.now());
      return { ...counts, errors: feed.errors };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/content/:id",
    operationId: "getContent",
    summary: "Get a content item",
    tag,
    auth: "secret",
    success: { status: 200, description: "The item.", schema: ContentItemSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const item = await getContent(await portalStore(overture), workspaceId, params.id ?? "");
      if (!item) throw notFound(params.id ?? "");
      return item;
    },
  }),
  defineRoute({
    method: "put",
    path: "/v1/content/:id",
    operationId: "putContent",
    summary: "Create or replace a content item",
    tag,
    auth: "secret",
    body: ContentUpdateSchema,
    success: { status: 200, description: "The item as stored.", schema: ContentItemSchema },
    handle: async ({ overture, workspaceId, params, body, c }) => {
      const store = await portalStore(overture);
      const input = ContentInputSchema.safeParse({ ...body, id: params.id });
      if (!input.success)
        throw new InputError("invalid_input", "The content id in the path is not valid.", [
          { path: "id", code: "invalid_format", message: "letters, digits, '-', '_' or '.', at most 128" },
        ]);
      const id = input.data.id;
      return auditedChange(c, getContent(store, workspaceId, id), async () => {
        await upsertContent(store, workspaceId, [input.data], overture.clock.now());
        return getContent(store, workspaceId, id);
      });
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/content/:id",
    operationId: "deleteContent",
    summary: "Delete a content item",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "The item is gone.",
      schema: z.object({ deleted: z.literal(true), id: z.string() }),
    },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      await deleteContent(await portalStore(overture), workspaceId, params.id ?? "");
      return { deleted: true, id: params.id };
    },
  }),
];
