import {
  ApiKeySchema,
  actorOf,
  CreatedKeySchema,
  CreateKeyInput,
  KeyListSchema,
  RotatedKeySchema,
  RotateKeyInput,
} from "@overture/api-contract";
import { InputError, type KeyService } from "@overture/runtime";
import { defineRoute, type HandlerContext, type OvertureApi, type RouteDef } from "../route.ts";

const tag = "Keys";

/** The default overlap of a rotation: the old key keeps working a day. */
const DEFAULT_OVERLAP_SECONDS = 86_400;

function keysOf(overture: OvertureApi): KeyService {
  if (!overture.keys) throw new InputError("unavailable", "API keys are not available on this server.");
  return overture.keys;
}

function createdBy(principal: HandlerContext<never, never>["principal"]): string {
  return principal ? actorOf(principal).name : "";
}

/** Named, scoped API keys (issue 13): create (shown once), list (masked), revoke, rotate with an overlap. */
export const keyRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/keys",
    operationId: "createKey",
    summary: "Create an API key",
    description: "The answer holds the key itself, this once: it is stored hashed and listed masked afterwards.",
    tag,
    auth: "secret",
    body: CreateKeyInput,
    success: { status: 201, description: "The key, shown once.", schema: CreatedKeySchema },
    handle: async ({ overture, workspaceId, principal, body }) =>
      keysOf(overture).create(workspaceId, {
        name: body.name,
        scopes: body.scopes,
        expiresAt: body.expiresAt === undefined ? null : Date.parse(body.expiresAt),
        createdBy: createdBy(principal),
      }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/keys",
    operationId: "listKeys",
    summary: "List the workspace's API keys (masked)",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every key, newest first, with its state.", schema: KeyListSchema },
    handle: async ({ overture, workspaceId }) => ({ keys: await keysOf(overture).list(workspaceId) }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/keys/:id",
    operationId: "revokeKey",
    summary: "Revoke an API key",
    description: "At once in this process; other processes stop accepting it within 10 seconds.",
    tag,
    auth: "secret",
    errors: [404],
    success: { status: 200, description: "The key, revoked.", schema: ApiKeySchema },
    handle: async ({ overture, workspaceId, params }) => keysOf(overture).revoke(workspaceId, params.id ?? ""),
  }),
  defineRoute({
    method: "post",
    path: "/v1/keys/:id/rotate",
    operationId: "rotateKey",
    summary: "Rotate an API key",
    description:
      "A new key with the same name and scopes (shown once); the old key keeps working for `overlapSeconds` (default a day).",
    tag,
    auth: "secret",
    body: RotateKeyInput,
    errors: [404, 409],
    success: {
      status: 201,
      description: "The new key, and the old one with its new expiry.",
      schema: RotatedKeySchema,
    },
    handle: async ({ overture, workspaceId, principal, params, body }) =>
      keysOf(overture).rotate(workspaceId, params.id ?? "", {
        overlapSeconds: body.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS,
        createdBy: createdBy(principal),
      }),
  }),
];
