import type { SequencedNotification } from "./notifications.ts";

type Listener = (notification: SequencedNotification) => void;

/**
 * In-process fan-out of new notifications to the live streams open in this process, so they see a notification the
 * moment the handler stores it. Streams also poll the table, for notifications stored by other hosts.
 */
export class NotificationFeed {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();

  /** Calls `listener` for each new notification of this customer until the returned function is called. */
  subscribe(workspaceId: string, customerId: string, listener: Listener): () => void {
    const key = `${workspaceId}\u0000${customerId}`;
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Calls `close` when {@link closeAll} is called (a live stream ends itself), until the returned function is called. */
  onCloseAll(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  /** Ends every live stream of this process; call before closing the HTTP server, which waits for open connections. */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }

  publish(workspaceId: string, notification: SequencedNotification): void {
    for (const listener of this.listeners.get(`${workspaceId}\u0000${notification.customerId}`) ?? []) listener(notification);
  }
}

/** The feed shared by the notification channel and the stream route of this process. */
export const notificationFeed = new NotificationFeed();
