import { z } from "zod";
import { KEY_SCOPES } from "./access.ts";
import { Ms } from "./common.ts";
import { named } from "./registry.ts";

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'an ISO 8601 date-time with a time zone ("2027-01-01T00:00:00Z")',
});

/** One scope of a key: `ingest`, `portal`, `read` or `manage`. */
export const KeyScopeSchema = z.enum(KEY_SCOPES);

/** POST /v1/keys. */
export const CreateKeyInput = z.object({
  name: z.string().trim().min(1, "a name").max(100),
  scopes: z
    .array(KeyScopeSchema)
    .min(1, "at least one scope")
    .transform((scopes) => [...new Set(scopes)]),
  expiresAt: IsoDateTime.optional().describe("When the key stops working; never when omitted."),
});

/** POST /v1/keys/:id/rotate. */
export const RotateKeyInput = z.object({
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400, "at most 30 days")
    .optional()
    .describe("How long the old key keeps working (default 86,400: a day; at most 30 days)."),
});

/** A key as listed: masked, never the key itself. */
export const ApiKeySchema = named(
  "ApiKey",
  z.object({
    id: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    scopes: z.array(KeyScopeSchema),
    hint: z.string().describe("The key masked: its prefix and last 4 characters (`ovt_k_…Xy3Q`)."),
    createdAt: Ms,
    createdBy: z.string(),
    expiresAt: Ms.nullable(),
    lastUsedAt: Ms.nullable().describe("Written at most once a minute."),
    revokedAt: Ms.nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  }),
);

/** A key just created or rotated: the only answer that holds the key itself. */
export const CreatedKeySchema = named(
  "CreatedApiKey",
  ApiKeySchema.extend({ key: z.string().describe("The key: shown this once, copy it now.") }),
);

/** GET /v1/keys. */
export const KeyListSchema = named("ApiKeyList", z.object({ keys: z.array(ApiKeySchema) }));

/** POST /v1/keys/:id/rotate: the new key (once) and the old one with its new expiry. */
export const RotatedKeySchema = named("RotatedApiKey", z.object({ key: CreatedKeySchema, previous: ApiKeySchema }));
