import { z } from "zod";
import { named } from "./registry.ts";

const DAY_SECONDS = 86_400;

/** PUT /v1/identity-settings. */
export const IdentitySettingsInput = named(
  "IdentitySettings",
  z.object({
    protectedAttributes: z
      .array(z.string().min(1).max(200))
      .max(100)
      .describe(
        "Attributes the write key may change only with a signed identity, besides email, phone and consent (e.g. plan, role).",
      ),
  }),
);

/** The protected attributes: the workspace's own and those protected everywhere. */
export const IdentitySettingsSchema = named(
  "IdentitySettingsAnswer",
  z.object({
    protectedAttributes: z.array(z.string()),
    alwaysProtected: z.array(z.string()).describe("Protected in every workspace."),
  }),
);

const KeySchema = z.object({
  keyId: z.number().int(),
  state: z
    .enum(["current", "retiring", "retired"])
    .describe("current: signs new tokens; retiring: still verifies until retiresAt; retired: refused."),
  createdAt: z.number().int(),
  retiresAt: z.number().int().nullable(),
  secret: z
    .string()
    .optional()
    .describe("The secret itself, while it verifies: what your backend signs customer tokens with."),
});
/** The identity secrets that sign customer tokens, with their state. */
export const IdentitySecretsSchema = named("IdentitySecrets", z.object({ keys: z.array(KeySchema) }));

/** POST /v1/identity-secrets/rotate. */
export const RotateIdentitySecretInput = z.object({
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * DAY_SECONDS)
    .optional()
    .describe("How long the previous secrets keep verifying, in seconds (default 86400; 0 retires them now)."),
});
