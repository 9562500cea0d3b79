import { named } from "@overture/api-contract";
import { deleteSenderIdentity, listSenderIdentities, putSenderIdentity, SENDER_ID } from "@overture/channels";
import { z } from "zod";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { deliveryStore } from "./webhook-routes.ts";

const tag = "Email templates";

const SenderId = z.string().regex(SENDER_ID, "letters, digits, '.', '_' and '-', at most 100 (e.g. marketing)");
const senderId = (params: Record<string, string>) => parseWith(SenderId, params.id, "sender id");

// Shapes only: the wording of bad addresses and names comes from validateSenderIdentity, at each field.
const SenderInput = z.object({
  fromName: z.string().max(200).describe("The name mail clients show, e.g. Acme Team."),
  fromAddress: z.string().max(320).describe("The From address, e.g. hello@acme.com."),
  replyTo: z.string().max(320).nullable().optional().describe("Where replies go; none: to the From address."),
  isDefault: z
    .boolean()
    .optional()
    .describe("Emails go out as the default identity; the first one saved is the default."),
});

const SenderSchema = named(
  "SenderIdentity",
  z.object({
    id: z.string(),
    fromName: z.string(),
    fromAddress: z.string(),
    replyTo: z.string().nullable(),
    isDefault: z.boolean(),
    updatedAt: z.number(),
  }),
);

/** Sender identities (secret key): who the workspace's emails say they are from, and where replies go. */
export const senderRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/sender-identities",
    operationId: "listSenderIdentities",
    summary: "List the sender identities, the default first",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "Every identity of the workspace.",
      schema: z.object({ senders: z.array(SenderSchema) }),
    },
    handle: async ({ overture, workspaceId }) => ({
      senders: await listSenderIdentities(await deliveryStore(overture), workspaceId),
    }),
  }),
  defineRoute({
    method: "put",
    path: "/v1/sender-identities/:id",
    operationId: "putSenderIdentity",
    summary: "Create or replace a sender identity",
    description: "Refused with 400 `invalid_input`, each problem at its field (`fromName`, `fromAddress`, `replyTo`).",
    tag,
    auth: "secret",
    body: SenderInput,
    success: { status: 200, description: "The identity as saved.", schema: SenderSchema },
    handle: async ({ overture, workspaceId, params, body }) =>
      putSenderIdentity(await deliveryStore(overture), workspaceId, senderId(params), body, overture.clock.now()),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/sender-identities/:id",
    operationId: "deleteSenderIdentity",
    summary: "Delete a sender identity (the next one becomes the default)",
    tag,
    auth: "secret",
    success: { status: 200, description: "Deleted.", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const id = senderId(params);
      await deleteSenderIdentity(await deliveryStore(overture), workspaceId, id);
      return { id, deleted: true as const };
    },
  }),
];
