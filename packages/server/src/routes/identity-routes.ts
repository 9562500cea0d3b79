import {
  IdentitySecretsSchema,
  IdentitySettingsInput,
  IdentitySettingsSchema,
  RotateIdentitySecretInput,
} from "@overture/api-contract";
import {
  ALWAYS_PROTECTED_ATTRIBUTES,
  getIdentitySettings,
  type IdentityKey,
  identityKeys,
  putIdentitySettings,
  rotateIdentitySecret,
} from "@overture/channels";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

const tag = "Identity";

function describeKeys(keys: IdentityKey[], now: number) {
  return {
    keys: keys.map((k) => {
      const state = k.retiresAt === null ? "current" : k.retiresAt > now ? "retiring" : "retired";
      return {
        keyId: k.keyId,
        state,
        createdAt: k.createdAt,
        retiresAt: k.retiresAt,
        ...(state === "retired" ? {} : { secret: k.secret }),
      };
    }),
  };
}

/** The workspace's identity: which attributes are protected, and the identity secrets that sign customer tokens. */
export const identityRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/identity-settings",
    operationId: "getIdentitySettings",
    summary: "Which attributes only a signed identity (or the secret key) may change",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "The workspace's protected attributes, and those protected everywhere.",
      schema: IdentitySettingsSchema,
    },
    handle: async ({ overture, workspaceId }) => ({
      ...(await getIdentitySettings(await portalStore(overture), workspaceId, overture.clock.now())),
      alwaysProtected: [...ALWAYS_PROTECTED_ATTRIBUTES],
    }),
  }),
  defineRoute({
    method: "put",
    path: "/v1/identity-settings",
    operationId: "putIdentitySettings",
    summary: "Set the attributes only a signed identity (or the secret key) may change",
    description:
      "A name protects the attribute and every dotted key under it (`plan` protects `plan.tier`). Replaces the list.",
    tag,
    auth: "secret",
    body: IdentitySettingsInput,
    success: { status: 200, description: "The settings as stored.", schema: IdentitySettingsSchema },
    handle: async ({ overture, workspaceId, body }) => ({
      ...(await putIdentitySettings(await portalStore(overture), workspaceId, body, overture.clock.now())),
      alwaysProtected: [...ALWAYS_PROTECTED_ATTRIBUTES],
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/identity-secrets",
    operationId: "listIdentitySecrets",
    summary: "The identity secrets that sign customer tokens, with their state",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "Every key, oldest first; the secret of those still verifying.",
      schema: IdentitySecretsSchema,
    },
    handle: async ({ overture, workspaceId }) => {
      const now = overture.clock.now();
      return describeKeys(await identityKeys(await portalStore(overture), workspaceId, now), now);
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/identity-secrets/rotate",
    operationId: "rotateIdentitySecret",
    summary:
      "Rotate the identity secret: a new one signs from now on, the old one verifies during the overlap, then is retired",
    description:
      "Tokens and stream tickets signed by the previous secret keep working until `overlapSeconds` (default a day: longer than a " +
      "default token lives) have passed; then they are refused with customer_token_expired. Rotate again to retire at once.",
    tag,
    auth: "secret",
    body: RotateIdentitySecretInput,
    success: {
      status: 200,
      description: "Every key after the rotation; the new one is `current`.",
      schema: IdentitySecretsSchema,
    },
    handle: async ({ overture, workspaceId, body }) => {
      const now = overture.clock.now();
      const overlapMs = body.overlapSeconds === undefined ? undefined : body.overlapSeconds * 1000;
      return describeKeys(await rotateIdentitySecret(await portalStore(overture), workspaceId, now, overlapMs), now);
    },
  }),
];
