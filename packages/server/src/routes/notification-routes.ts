import {
  lastNotificationSeq,
  listNotifications,
  markNotification,
  notificationFeed,
  notificationsAfter,
  publicNotification,
  type SequencedNotification,
} from "@overture/channels";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { authorize, keyFromAuthorization } from "../auth.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";
import { named } from "../schemas.ts";
import { headerCustomer, portalStore, verifiedCustomer } from "./portal-routes.ts";

const tag = "Portal";

/** How often an open stream looks for notifications stored by other hosts (this host's arrive at once). */
export const STREAM_POLL_MS = 500;
const PING_MS = 15_000;
const REREAD = 50;

const NotificationSchema = named(
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

const mark = (which: "read" | "dismissed") =>
  defineRoute({
    method: "post",
    path: `/v1/portal/notifications/:id/${which === "read" ? "read" : "dismiss"}`,
    operationId: which === "read" ? "readNotification" : "dismissNotification",
    summary: which === "read" ? "Mark a notification read" : "Dismiss a notification (it leaves the inbox)",
    tag,
    auth: "write",
    success: { status: 200, description: "The notification.", schema: NotificationSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params, c }) => {
      const customerId = await headerCustomer(overture, workspaceId, c);
      return markNotification(await portalStore(overture), workspaceId, customerId, params.id ?? "", which, overture.clock.now());
    },
  });

/** The customer's portal inbox: list, read, dismiss, and a live stream (write key + customer token). */
export const notificationRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/portal/notifications",
    operationId: "listNotifications",
    summary: "The customer's inbox: unexpired, not dismissed, newest first, with the unread count",
    tag,
    auth: "write",
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    success: {
      status: 200,
      description: "The notifications and how many are unread.",
      schema: z.object({ notifications: z.array(NotificationSchema), unread: z.number() }),
    },
    errors: [401],
    handle: async ({ overture, workspaceId, query, c }) => {
      const customerId = await headerCustomer(overture, workspaceId, c);
      return listNotifications(await portalStore(overture), workspaceId, customerId, overture.clock.now(), query.limit);
    },
  }),
  mark("read"),
  mark("dismissed"),
  defineRoute({
    method: "get",
    path: "/v1/portal/notifications/stream",
    operationId: "streamNotifications",
    summary: "New notifications as server-sent events (EventSource: writeKey, customerId and token in the query)",
    description:
      "Events: `ready` once connected, then `notification` (data: the notification as JSON) for each new one, within a second. " +
      "EventSource cannot send headers, so the write key, customer id and token may come as query parameters.",
    tag,
    // Authenticated here rather than by the router: EventSource cannot send an Authorization header.
    auth: "none",
    success: { status: 200, description: "A text/event-stream." },
    errors: [401],
    handle: async ({ overture, c }) => {
      const query = c.req.query();
      const key = query.writeKey || keyFromAuthorization(c.req.header("authorization"));
      const grant = key ? await overture.workspaces.authenticate(key) : null;
      const workspaceId = authorize(grant, "write", Boolean(key));
      const customerId = await verifiedCustomer(
        overture,
        workspaceId,
        query.customerId || c.req.header("x-customer-id"),
        query.token || c.req.header("x-customer-token"),
      );
      return stream(overture, c, workspaceId, customerId);
    },
  }),
];

async function stream(overture: OvertureApi, c: Context, workspaceId: string, customerId: string): Promise<Response> {
  const store = await portalStore(overture);
  const since = await lastNotificationSeq(store, workspaceId, customerId);
  return streamSSE(c, async (sse) => {
    const sent = new Set<string>();
    const queue: SequencedNotification[] = [];
    let wake: (() => void) | null = null;
    const rouse = () => {
      wake?.();
      wake = null;
    };
    const unsubscribe = notificationFeed.subscribe(workspaceId, customerId, (n) => {
      queue.push(n);
      rouse();
    });
    const stopClosing = notificationFeed.onCloseAll(() => {
      sse.abort();
      rouse();
    });
    sse.onAbort(rouse);
    try {
      await sse.writeSSE({ event: "ready", data: JSON.stringify({ customerId }) });
      let lastPing = Date.now();
      let highest = since;
      while (!sse.aborted && !sse.closed) {
        // Rereads a margin below the highest seq sent: on PostgreSQL a lower seq can commit after a higher one.
        queue.push(...(await notificationsAfter(store, workspaceId, customerId, Math.max(since, highest - REREAD))));
        for (const n of queue.splice(0)) {
          if (sent.has(n.id)) continue;
          sent.add(n.id);
          highest = Math.max(highest, n.seq);
          await sse.writeSSE({ event: "notification", id: n.id, data: JSON.stringify(publicNotification(n)) });
        }
        if (Date.now() - lastPing >= PING_MS) {
          await sse.write(": ping\n\n");
          lastPing = Date.now();
        }
        if (sse.aborted) break;
        if (queue.length > 0) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(rouse, STREAM_POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      unsubscribe();
      stopClosing();
    }
  });
}
