import { OvertureError } from "./errors.ts";
import type { EventSourceLike, Platform } from "./platform.ts";
import { type Connection, call, type Identity, urlFor } from "./transport.ts";
import type { Notification } from "./types.ts";

/** The signed-in customer's inbox. */
export type NotificationsApi = {
  /** The inbox, newest first, with how many are unread. */
  list(): Promise<{ notifications: Notification[]; unread: number }>;
  markRead(id: string): Promise<void>;
  dismiss(id: string): Promise<void>;
  /**
   * Calls `onNotification` for each new notification as it arrives (server-sent events; the browser reconnects by
   * itself). Returns the function that stops listening.
   */
  subscribe(
    onNotification: (notification: Notification) => void,
    options?: {
      /** Called each time the stream is connected (again): from then on, new notifications arrive. */
      onReady?: () => void;
      /** Called when the stream breaks (the browser reconnects by itself). */
      onError?: (error: OvertureError) => void;
    },
  ): () => void;
  /** Stops every subscription (sign-out). */
  closeAll(): void;
};

/** The inbox calls, made as the identity `who()` returns (it throws when nobody is signed in). */
export function notificationsApi(connection: Connection, who: () => Identity, platform: Pick<Platform, "EventSource">): NotificationsApi {
  const open = new Set<EventSourceLike>();
  return {
    async list() {
      const answer = await call<{ notifications?: Notification[]; unread?: number } | Notification[]>(connection, "GET", "/v1/portal/notifications", {
        identity: who(),
      });
      const notifications = Array.isArray(answer) ? answer : (answer.notifications ?? []);
      const unread = !Array.isArray(answer) && typeof answer.unread === "number" ? answer.unread : notifications.filter((n) => !n.readAt).length;
      return { notifications, unread };
    },
    async markRead(id) {
      await call(connection, "POST", `/v1/portal/notifications/${encodeURIComponent(id)}/read`, { identity: who(), body: {} });
    },
    async dismiss(id) {
      await call(connection, "POST", `/v1/portal/notifications/${encodeURIComponent(id)}/dismiss`, { identity: who(), body: {} });
    },
    subscribe(onNotification, options = {}) {
      const identity = who();
      const EventSource = platform.EventSource;
      if (!EventSource) throw new OvertureError("unsupported", "This browser has no EventSource; poll notifications.list() instead.");
      // EventSource cannot send headers, so the stream takes the write key and the customer's token in its query.
      const url = urlFor(connection.host, "/v1/portal/notifications/stream", {
        writeKey: connection.writeKey,
        customerId: identity.customerId,
        token: identity.token,
      });
      const source = new EventSource(url);
      open.add(source);
      const receive = (event: { data?: unknown }) => {
        if (typeof event.data !== "string" || event.data === "") return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(event.data);
        } catch {
          options.onError?.(new OvertureError("bad_response", "A notification on the stream is not JSON."));
          return;
        }
        const notification = isNotification(parsed) ? parsed : isWrapped(parsed) ? parsed.notification : null;
        if (notification) onNotification(notification);
      };
      source.addEventListener("message", receive);
      source.addEventListener("notification", receive);
      source.addEventListener("ready", () => options.onReady?.());
      source.addEventListener("error", () => options.onError?.(new OvertureError("network_error", "The notification stream was interrupted; reconnecting.")));
      return () => {
        source.close();
        open.delete(source);
      };
    },
    closeAll() {
      for (const source of open) source.close();
      open.clear();
    },
  };
}

function isNotification(value: unknown): value is Notification {
  return value !== null && typeof value === "object" && typeof (value as Notification).id === "string" && "title" in value;
}

function isWrapped(value: unknown): value is { notification: Notification } {
  return value !== null && typeof value === "object" && isNotification((value as { notification?: unknown }).notification);
}
