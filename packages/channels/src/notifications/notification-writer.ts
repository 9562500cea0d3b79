import type { Store } from "@overture/runtime";
import DataLoader from "dataloader";
import { type InsertedNotification, insertNotifications, type NewNotification } from "./insert-notifications.ts";
import type { NotificationFeed } from "./notification-feed.ts";

type Pending = { workspaceId: string; notification: NewNotification; feed: NotificationFeed };

/** Rows per statement at most (8 values each on PostgreSQL's side of the JSON). */
const MAX_ROWS = 500;

const byStore = new WeakMap<Store, DataLoader<Pending, InsertedNotification>>();

/**
 * Stores a notification as {@link insertNotifications} does, together with the others asked for in the same tick:
 * the dispatcher hands its whole batch to the channel at once, so a batch's notifications go in as one multi-row
 * INSERT per workspace instead of one statement each. Idempotent by id as before: a redelivery stores nothing new.
 */
export function writeNotification(
  store: Store,
  workspaceId: string,
  notification: NewNotification,
  feed: NotificationFeed,
): Promise<InsertedNotification> {
  let writer = byStore.get(store);
  if (!writer) {
    writer = new DataLoader<Pending, InsertedNotification>((pending) => writeAll(store, pending), {
      cache: false,
      maxBatchSize: MAX_ROWS,
    });
    byStore.set(store, writer);
  }
  return writer.load({ workspaceId, notification, feed });
}

/** One insert per workspace and feed among the pending (a batch is usually one of each). */
async function writeAll(store: Store, pending: readonly Pending[]): Promise<Array<InsertedNotification | Error>> {
  const groups = new Map<string, { workspaceId: string; feed: NotificationFeed; at: number[] }>();
  const feeds = new Map<NotificationFeed, number>();
  pending.forEach((p, i) => {
    if (!feeds.has(p.feed)) feeds.set(p.feed, feeds.size);
    const key = `${feeds.get(p.feed)}\u0000${p.workspaceId}`;
    const group = groups.get(key) ?? { workspaceId: p.workspaceId, feed: p.feed, at: [] };
    groups.set(key, group);
    group.at.push(i);
  });
  const results: Array<InsertedNotification | Error> = new Array(pending.length);
  await Promise.all(
    [...groups.values()].map(async ({ workspaceId, feed, at }) => {
      const list = at.map((i) => (pending[i] as Pending).notification);
      try {
        const inserted = await insertNotifications(store, workspaceId, list, { feed });
        inserted.forEach((r, n) => {
          results[at[n] as number] = r;
        });
      } catch (error) {
        // Only this group's deliveries fail (and are retried); the others' rows went in.
        const failed = error instanceof Error ? error : new Error(String(error));
        for (const i of at) results[i] = failed;
      }
    }),
  );
  return results;
}
