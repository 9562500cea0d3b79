import { listenForWorkspaceChanges, type Store } from "@overture/runtime";
import type { SequencedNotification } from "./notifications.ts";

/** The PostgreSQL channel a stored notification is announced on; the payload names the schema, workspace and customer. */
export const NOTIFICATION_CHANNEL = "overture_notifications";

/** What a live stream hears: a notification stored by this process, or `null`: "look in the table, something came". */
type Listener = (notification: SequencedNotification | null) => void;

/**
 * Wakes the live streams open in this process: at once with the notification when this process stored it (the
 * in-process signal, all SQLite needs), and with a "look" when PostgreSQL's NOTIFY says another process stored one
 * for their customer (see {@link listenForNotifications}). Streams never poll the table.
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

  /** A notification this process stored: its customer's streams get it directly. */
  publish(workspaceId: string, notification: SequencedNotification): void {
    for (const listener of this.listeners.get(`${workspaceId}\u0000${notification.customerId}`) ?? [])
      listener(notification);
  }

  /** Something was stored for this customer elsewhere: their streams read the table. */
  wake(workspaceId: string, customerId: string): void {
    for (const listener of this.listeners.get(`${workspaceId}\u0000${customerId}`) ?? []) listener(null);
  }

  /** Every stream reads the table (after the LISTEN connection was down and may have missed a NOTIFY). */
  wakeAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener(null);
  }
}

/** The feed shared by the notification channel and the stream route of this process. */
export const notificationFeed = new NotificationFeed();

const listening = new WeakMap<Store, Promise<void>>();

/**
 * On PostgreSQL, starts this process's one LISTEN for stored notifications (once per store; later calls wait for the
 * first), turning each NOTIFY of this schema into {@link NotificationFeed.wake}. On SQLite (one process) it does nothing.
 */
export function listenForNotifications(store: Store, feed: NotificationFeed = notificationFeed): Promise<void> {
  let started = listening.get(store);
  if (!started) {
    started = startListening(store, feed);
    listening.set(store, started);
    started.catch(() => listening.delete(store));
  }
  return started;
}

async function startListening(store: Store, feed: NotificationFeed): Promise<void> {
  await listenForWorkspaceChanges(store.sql, NOTIFICATION_CHANNEL, {
    onChange: (workspaceId, customerId) => {
      if (customerId !== undefined) feed.wake(workspaceId, customerId);
    },
    onReconnect: () => feed.wakeAll(),
  });
}
