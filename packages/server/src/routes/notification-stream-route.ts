import {
  lastNotificationSeq,
  listenForNotifications,
  type NotificationFeed,
  notificationFeed,
  notificationsAfter,
  publicNotification,
  type SequencedNotification,
  verifyStreamTicket,
} from "@overture/channels";
import { InputError } from "@overture/runtime";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { normalizeError } from "../normalize-error.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";
import { DEFAULT_STREAM_LIMITS, type StreamLimits, StreamSlots } from "../stream-limits.ts";
import { portalStore } from "./portal-routes.ts";

/** Options of {@link notificationStreamRoute}. */
export type NotificationStreamOptions = {
  /** Streams open at once, per customer and in all (default 5 and 1,000). */
  limits?: StreamLimits;
  /** How often an idle stream sends a comment to keep proxies from closing it (default 15 s). */
  pingMs?: number;
  /** The feed that wakes streams (default: the process's). */
  feed?: NotificationFeed;
};

// A stream rereads a margin below the highest seq it sent: on PostgreSQL a lower seq can commit after a higher one.
const REREAD = 50;
const RETRY_AFTER_SECONDS = { customer: 30, total: 10 } as const;

/**
 * `GET /v1/portal/notifications/stream?ticket=…`: the customer's new notifications as server-sent events. The ticket
 * (POST /v1/portal/stream-ticket) replaces the key and the long-lived token, which must not travel in URLs. A stream
 * reads the table only when woken (this process stored a notification, or PostgreSQL's NOTIFY says another did),
 * never on a timer; each app holds at most `limits` streams.
 */
export function notificationStreamRoute(options: NotificationStreamOptions = {}): RouteDef {
  const slots = new StreamSlots(options.limits ?? DEFAULT_STREAM_LIMITS);
  const feed = options.feed ?? notificationFeed;
  const pingMs = options.pingMs ?? 15_000;
  return defineRoute({
    method: "get",
    path: "/v1/portal/notifications/stream",
    operationId: "streamNotifications",
    summary: "New notifications as server-sent events (EventSource, with a ticket from POST /v1/portal/stream-ticket)",
    description:
      "Events: `ready` once connected, then `notification` (data: the notification as JSON) for each new one as soon as it is stored, " +
      "on any host. The ticket lives a minute and is checked when the stream opens; reconnect with a new ticket. At most " +
      "5 streams per customer (429 too_many_streams) and 1,000 per server (503 streams_at_capacity) by default, both with Retry-After.",
    tag: "Portal",
    // Authenticated here rather than by the router: EventSource cannot send an Authorization header.
    auth: "none",
    security: [{ streamTicket: [] }],
    query: z.object({
      ticket: z.string().optional().describe("The stream ticket from POST /v1/portal/stream-ticket (required)."),
    }),
    success: { status: 200, description: "A text/event-stream." },
    errors: [401, 429, 503],
    handle: async ({ overture, query, c }) => {
      const store = await portalStore(overture);
      const { workspaceId, customerId } = await ticketHolder(overture, query.ticket, c);
      const slot = slots.take(workspaceId, customerId);
      if (!slot.ok) return refuseStream(c, slot.refusal, RETRY_AFTER_SECONDS[slot.refusal]);
      try {
        await listenForNotifications(store, feed);
        const since = await lastNotificationSeq(store, workspaceId, customerId);
        return stream(c, { overture, feed, workspaceId, customerId, since, pingMs, release: slot.release });
      } catch (error) {
        slot.release();
        throw error;
      }
    },
  });
}

async function ticketHolder(
  overture: OvertureApi,
  ticket: string | undefined,
  c: Context,
): Promise<{ workspaceId: string; customerId: string }> {
  const refuse = (code: string, message: string) => new InputError(code, message, [{ path: "ticket", code, message }]);
  if (!ticket) {
    // The first version took the key and the long-lived token in the URL; they reach access logs, so no longer.
    const old = c.req.query("token") !== undefined;
    throw refuse(
      "invalid_stream_ticket",
      old
        ? "The stream no longer takes the customer token in its URL: get a one-minute ticket from POST /v1/portal/stream-ticket (customer headers) and open ?ticket=…."
        : "Send a stream ticket (?ticket=…) from POST /v1/portal/stream-ticket.",
    );
  }
  const check = await verifyStreamTicket(await portalStore(overture), ticket, overture.clock.now());
  if (!check.ok) throw refuse(check.code, check.message);
  return { workspaceId: check.workspaceId, customerId: check.customerId };
}

function refuseStream(c: Context, refusal: "customer" | "total", retryAfter: number): Response {
  const error =
    refusal === "customer"
      ? new InputError(
          "too_many_streams",
          "This customer has as many live notification streams open as allowed; close one or retry later.",
        )
      : new InputError(
          "streams_at_capacity",
          "The server has as many live notification streams open as it allows; retry later.",
        );
  const { body } = normalizeError(error);
  return c.json(body, refusal === "customer" ? 429 : 503, { "retry-after": String(retryAfter) });
}

type StreamContext = {
  overture: OvertureApi;
  feed: NotificationFeed;
  workspaceId: string;
  customerId: string;
  since: number;
  pingMs: number;
  release: () => void;
};

async function stream(c: Context, s: StreamContext): Promise<Response> {
  const store = await portalStore(s.overture);
  return streamSSE(c, async (sse) => {
    const sent = new Set<string>();
    const queue: SequencedNotification[] = [];
    // Read the table once at the start: a notification stored between `since` and the subscription is not missed.
    let look = true;
    let wake: (() => void) | null = null;
    const rouse = () => {
      wake?.();
      wake = null;
    };
    const unsubscribe = s.feed.subscribe(s.workspaceId, s.customerId, (n) => {
      if (n) queue.push(n);
      else look = true;
      rouse();
    });
    const stopClosing = s.feed.onCloseAll(() => {
      sse.abort();
      rouse();
    });
    sse.onAbort(rouse);
    try {
      await sse.writeSSE({ event: "ready", data: JSON.stringify({ customerId: s.customerId }) });
      let highest = s.since;
      while (!sse.aborted && !sse.closed) {
        if (look) {
          look = false;
          queue.push(
            ...(await notificationsAfter(store, s.workspaceId, s.customerId, Math.max(s.since, highest - REREAD))),
          );
        }
        for (const n of queue.splice(0)) {
          if (sent.has(n.id)) continue;
          sent.add(n.id);
          highest = Math.max(highest, n.seq);
          await sse.writeSSE({ event: "notification", id: n.id, data: JSON.stringify(publicNotification(n)) });
        }
        if (sse.aborted) break;
        if (queue.length > 0 || look) continue;
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), s.pingMs);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        // Nothing came for a while: a comment keeps proxies from closing the idle connection (no query).
        if (!woken && !sse.aborted) await sse.write(": ping\n\n");
      }
    } finally {
      unsubscribe();
      stopClosing();
      s.release();
    }
  });
}
