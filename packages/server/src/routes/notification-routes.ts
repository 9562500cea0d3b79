import {
  NotificationInboxSchema,
  NotificationSchema,
  NotificationsQuery,
  StreamTicketSchema,
} from "@overture/api-contract";
import { issueStreamTicket, listNotifications, markNotification } from "@overture/channels";
import { defineRoute, type RouteDef } from "../route.ts";
import { headerCustomer, portalStore } from "./portal-routes.ts";

const tag = "Portal";

const mark = (which: "read" | "dismissed") =>
  defineRoute({
    method: "post",
    path: `/v1/portal/notifications/:id/${which === "read" ? "read" : "dismiss"}`,
    operationId: which === "read" ? "readNotification" : "dismissNotification",
    summary: which === "read" ? "Mark a notification read" : "Dismiss a notification (it leaves the inbox)",
    tag,
    auth: "write",
    customer: true,
    success: { status: 200, description: "The notification.", schema: NotificationSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params, c }) => {
      const customerId = await headerCustomer(overture, workspaceId, c);
      return markNotification(
        await portalStore(overture),
        workspaceId,
        customerId,
        params.id ?? "",
        which,
        overture.clock.now(),
      );
    },
  });

/** The customer's portal inbox: list, read, dismiss (write key + customer headers), and the ticket for its live stream. */
export const notificationRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/portal/notifications",
    operationId: "listNotifications",
    summary: "The customer's inbox: unexpired, not dismissed, newest first, with the unread count",
    tag,
    auth: "write",
    customer: true,
    query: NotificationsQuery,
    success: {
      status: 200,
      description: "The notifications and how many are unread.",
      schema: NotificationInboxSchema,
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
    method: "post",
    path: "/v1/portal/stream-ticket",
    operationId: "createStreamTicket",
    summary: "A one-minute ticket to open the customer's live notification stream",
    description:
      "EventSource cannot send headers, so the stream takes this ticket in its URL instead of the long-lived customer token: " +
      "it names the customer, lives 60 seconds and opens only the stream. Get a new one for each (re)connection.",
    tag,
    auth: "write",
    customer: true,
    success: {
      status: 200,
      description: "The ticket and when it expires (epoch ms).",
      schema: StreamTicketSchema,
    },
    errors: [401],
    handle: async ({ overture, workspaceId, c }) => {
      const customerId = await headerCustomer(overture, workspaceId, c);
      return {
        ...(await issueStreamTicket(await portalStore(overture), workspaceId, customerId, overture.clock.now())),
        customerId,
      };
    },
  }),
];
