import { z } from "zod";
import { named } from "./registry.ts";

/** Headers Overture sets itself; an endpoint may not override them. */
const RESERVED_HEADER = /^(x-overture-.*|content-type|content-length|host|user-agent|transfer-encoding|connection)$/i;

/** PUT /v1/webhook-endpoints/:name. */
export const EndpointInput = z.object({
  url: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }),
  secret: z
    .string()
    .min(16, "at least 16 characters")
    .max(200)
    .optional()
    .describe("Signs every call; generated (and shown once) when omitted on creation."),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(60_000)
    .optional()
    .describe("How long to wait for an answer (default 10,000)."),
  headers: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9-]{1,100}$/, "a header name")
        .refine((name) => !RESERVED_HEADER.test(name), "set by Overture"),
      z.string().max(2_000),
    )
    .optional()
    .describe("Extra headers sent with every call (e.g. an Authorization the receiver expects)."),
});

/** A webhook endpoint; header values masked, the secret only when just generated. */
export const EndpointSchema = named(
  "WebhookEndpoint",
  z.object({
    name: z.string(),
    url: z.string(),
    timeoutMs: z.number().nullable(),
    headers: z
      .record(z.string(), z.string())
      .describe(
        "Values are masked (`••••abcd`): they often hold tokens. Sending a masked value back in a PUT keeps the stored one.",
      ),
    createdAt: z.number(),
    updatedAt: z.number(),
    secret: z.string().optional().describe("Only when it was just generated: copy it now, it is never shown again."),
  }),
);
/** GET /v1/webhook-endpoints. */
export const EndpointListSchema = z.object({ endpoints: z.array(EndpointSchema) });
/** DELETE /v1/webhook-endpoints/:name. */
export const EndpointDeletedSchema = z.object({ name: z.string(), deleted: z.literal(true) });

/** The workspace's signing secret for webhook steps that name a URL. */
export const SigningSecretSchema = named(
  "WebhookSigningSecret",
  z.object({
    secret: z
      .string()
      .describe(
        "Signs the calls of webhook steps that name a URL instead of an endpoint (same scheme as endpoint secrets).",
      ),
    createdAt: z.number(),
    rotatedAt: z.number(),
  }),
);
