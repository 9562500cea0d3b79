import { OvertureError } from "./errors.ts";
import type { EventSourceLike, Platform } from "./platform.ts";
import { type Connection, call, type Identity, urlFor } from "./transport.ts";
import type { Notification, NotificationInbox, StreamTicket } from "./types.ts";

/** The signed-in customer's inbox. */
export type NotificationsApi = {
  /** The inbox, newest first, with how many are unread. */
  list(): Promise<NotificationInbox>;
  markRead(id: string): Promise<void>;
  dismiss(id: string): Promise<void>;
  /**
   * Calls `onNotification` for each new notification as it arrives (server-sent events, opened with a one-minute
   * ticket; the SDK reconnects with a new ticket when the stream breaks). Returns the function that stops listening.
   */
  subscribe(
    onNotification: (notification: Notification) => void,
    options?: {
      /** Called each time the stream is connected (again): from then on, new notifications arrive. */
      onReady?: () => void;
      /** Called when the stream breaks or cannot open (the SDK reconnects, with backoff, unless the identity was refused). */
      onError?: (error: OvertureError) => void;
    },
  ): () => void;
  /** Stops every subscription (sign-out). */
  closeAll(): void;
};

/** Runs a customer call with the signed-in identity; when its token expired, gets a new one and runs it once more. */
export type AsCustomer = <T>(run: (identity: Identity) => Promise<T>) => Promise<T>;

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * The inbox calls, made as `asCustomer` says (it throws when nobody is signed in). `who` tells synchronously whether
 * someone is.
 */
export function notificationsApi(
  connection: Connection,
  asCustomer: AsCustomer,
  who: () => Identity,
  platform: Pick<Platform, "EventSource">,
): NotificationsApi {
  const open = new Set<{ close(): void }>();
  return {
    async list() {
      const answer = await asCustomer((identity) =>
        call<Partial<NotificationInbox> | Notification[]>(connection, "GET", "/v1/portal/notifications", { identity }),
      );
      const notifications = Array.isArray(answer) ? answer : (answer.notifications ?? []);
      const unread =
        !Array.isArray(answer) && typeof answer.unread === "number"
          ? answer.unread
          : notifications.filter((n) => !n.readAt).length;
      return { notifications, unread };
    },
    async markRead(id) {
      await asCustomer((identity) =>
        call(connection, "POST", `/v1/portal/notifications/${encodeURIComponent(id)}/read`, { identity, body: {} }),
      );
    },
    async dismiss(id) {
      await asCustomer((identity) =>
        call(connection, "POST", `/v1/portal/notifications/${encodeURIComponent(id)}/dismiss`, { identity, body: {} }),
      );
    },
    subscribe(onNotification, options = {}) {
      who();
      const EventSource = platform.EventSource;
      if (!EventSource)
        throw new OvertureError("unsupported", "This browser has no EventSource; poll notifications.list() instead.");
      let source: EventSourceLike | null = null;
      let stopped = false;
      let retryMs = FIRST_RETRY_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
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
      const retry = () => {
        if (stopped) return;
        timer = setTimeout(() => void connect(), retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
      // Each (re)connection takes a fresh one-minute ticket: EventSource cannot send headers, and the long-lived
      // token must not travel in a URL. The browser's own reconnection would reuse an expired ticket, so the SDK
      // closes a broken stream and opens a new one itself.
      const connect = async () => {
        let ticket: string;
        try {
          ticket = (
            await asCustomer((identity) =>
              call<StreamTicket>(connection, "POST", "/v1/portal/stream-ticket", { identity, body: {} }),
            )
          ).ticket;
        } catch (error) {
          const failure = error instanceof OvertureError ? error : new OvertureError("network_error", String(error));
          options.onError?.(failure);
          // A refused identity will not get better by itself; anything else (network, busy server) is retried.
          if (failure.status !== 401 && failure.status !== 403) retry();
          return;
        }
        if (stopped) return;
        const current = new EventSource(urlFor(connection.host, "/v1/portal/notifications/stream", { ticket }));
        source = current;
        current.addEventListener("message", receive);
        current.addEventListener("notification", receive);
        current.addEventListener("ready", () => {
          retryMs = FIRST_RETRY_MS;
          options.onReady?.();
        });
        current.addEventListener("error", () => {
          if (source !== current) return;
          current.close();
          source = null;
          options.onError?.(
            new OvertureError("network_error", "The notification stream was interrupted; reconnecting."),
          );
          retry();
        });
      };
      const handle = {
        close() {
          stopped = true;
          clearTimeout(timer);
          source?.close();
          source = null;
        },
      };
      open.add(handle);
      void connect();
      return () => {
        handle.close();
        open.delete(handle);
      };
    },
    closeAll() {
      for (const handle of open) handle.close();
      open.clear();
    },
  };
}

function isNotification(value: unknown): value is Notification {
  return (
    value !== null && typeof value === "object" && typeof (value as Notification).id === "string" && "title" in value
  );
}

function isWrapped(value: unknown): value is { notification: Notification } {
  return (
    value !== null && typeof value === "object" && isNotification((value as { notification?: unknown }).notification)
  );
}
