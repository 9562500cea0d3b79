import { SenderDeletedSchema, SenderInput, SenderListSchema, SenderSchema } from "@overture/api-contract";
import { deleteSenderIdentity, listSenderIdentities, putSenderIdentity, SENDER_ID } from "@overture/channels";
import { z } from "zod";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { deliveryStore } from "./webhook-routes.ts";

const tag = "Email templates";

const SenderId = z.string().regex(SENDER_ID, "letters, digits, '.', '_' and '-', at most 100 (e.g. marketing)");
const senderId = (params: Record<string, string>) => parseWith(SenderId, params.id, "sender id");

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
      schema: SenderListSchema,
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
    success: { status: 200, description: "Deleted.", schema: SenderDeletedSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const id = senderId(params);
      await deleteSenderIdentity(await deliveryStore(overture), workspaceId, id);
      return { id, deleted: true as const };
    },
  }),
];
