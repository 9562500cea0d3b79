import { z } from "zod";
import { CustomerId } from "./common.ts";
import { named } from "./registry.ts";

/** The longest a customer token may live: 30 days (channels' MAX_CUSTOMER_TOKEN_TTL_MS; a server test checks). */
export const MAX_CUSTOMER_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** GET /v1/portal/token. */
export const CustomerTokenQuery = z.object({
  customerId: CustomerId,
  ttl: z.coerce
    .number()
    .int()
    .min(60)
    .max(MAX_CUSTOMER_TOKEN_TTL_SECONDS)
    .optional()
    .describe("How long the token lives, in seconds (default 43200: 12 hours; at most 30 days)."),
});
/** A customer's portal token, the key that signed it and when it expires. */
export const CustomerTokenSchema = z.object({
  customerId: z.string(),
  token: z.string(),
  keyId: z.number().int(),
  expiresAt: z.number().int(),
});

/** A content item as a slot decision inlines it. */
export const PortalContentSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  url: z.string(),
  type: z.string(),
  topics: z.array(z.string()),
  body: z.string().optional(),
  imageUrl: z.string().optional(),
  createdAt: z.number(),
});

/** What one slot shows the customer now, and why. */
export const SlotDecisionSchema = named(
  "SlotDecision",
  z.object({
    slot: z.string(),
    source: z.enum(["assignment", "default", "none"]),
    contentId: z.string().nullable(),
    until: z.number().nullable(),
    content: PortalContentSchema.nullable(),
  }),
);

/** GET /v1/portal/slots: `slots` is 1–20 comma-separated names (checked by the server on the page-render path). */
export const SlotDecisionsQuery = z.object({ slots: z.string() });
/** One decision per slot asked for, by name. */
export const SlotDecisionsSchema = z.object({
  customerId: z.string(),
  at: z.number(),
  slots: z.record(z.string(), SlotDecisionSchema),
});

/** A notification as the inbox routes and the live stream show it. */
export const NotificationSchema = named(
  "PortalNotification",
  z.object({
    id: z.string(),
    customerId: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.number(),
    expiresAt: z.number().nullable(),
    readAt: z.number().nullable(),
    dismissedAt: z.number().nullable(),
  }),
);

/** GET /v1/portal/notifications. */
export const NotificationsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
/** The inbox and how many are unread. */
export const NotificationInboxSchema = z.object({ notifications: z.array(NotificationSchema), unread: z.number() });

/** POST /v1/portal/stream-ticket. */
export const StreamTicketSchema = named(
  "StreamTicket",
  z.object({ ticket: z.string(), expiresAt: z.number().int(), customerId: z.string() }),
);
