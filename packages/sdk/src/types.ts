// Type-only imports: the wire's shapes come from the API contract and vanish from the bundle, which stays free of
// dependencies (the SDK must not import any other package's code).
import type {
  EventInput,
  IngestResultSchema,
  NotificationInboxSchema,
  NotificationSchema,
  Output,
  PortalContentSchema,
  SlotDecisionSchema,
  StreamTicketSchema,
} from "@overture/api-contract";

/** Content as the server inlines it in slot decisions (`createdAt` in epoch milliseconds). */
export type ContentItem = Output<typeof PortalContentSchema>;

/**
 * What one slot shows now: content a journey assigned to this customer (`assignment`, until `until`), the slot's
 * default, or nothing.
 */
export type SlotDecision = Output<typeof SlotDecisionSchema>;

/** One notification of the customer's inbox. Times are epoch milliseconds. */
export type Notification = Output<typeof NotificationSchema>;

/** GET /v1/portal/notifications: the inbox, newest first, and how many are unread. */
export type NotificationInbox = Output<typeof NotificationInboxSchema>;

/** POST /v1/portal/stream-ticket: the one-minute ticket that opens the live stream. */
export type StreamTicket = Output<typeof StreamTicketSchema>;

/** One event as POST /v1/events/batch takes it. */
export type WireEvent = EventInput;

/** What an ingestion call answers: stored, duplicates, and each refused event by index. */
export type IngestResult = Output<typeof IngestResultSchema>;
