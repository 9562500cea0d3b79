import {
  insertNotification,
  insertNotifications,
  lastNotificationSeq,
  listNotifications,
  markNotification,
  NotificationFeed,
  notificationsAfter,
} from "@overture/channels";
import type { Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0 } from "./portal-stores.ts";

const WS = "ws-inbox";
const note = (id: string, customerId: string, createdAt: number, expiresAt: number | null = null) => ({
  id,
  customerId,
  title: `Title ${id}`,
  body: `Body ${id}`,
  link: id === "n1" ? "/guides/getting-started" : null,
  createdAt,
  expiresAt,
});

describe.each(STORE_TARGETS)("portal inbox on $name", (target) => {
  let db: PortalStore;
  let store: Store;
  beforeAll(async () => {
    if (target.skip) return;
    db = await target.open();
    store = db.store;
  });
  afterAll(async () => db?.close());

  it.skipIf(target.skip)(
    "stores a notification once per id, and lists unexpired, undismissed ones newest first with the unread count",
    async () => {
      expect((await insertNotification(store, WS, note("n1", "ada", T0))).created).toBe(true);
      const again = await insertNotification(store, WS, { ...note("n1", "ada", T0 + 5), title: "changed" });
      expect(again.created).toBe(false);
      expect(again.notification.title).toBe("Title n1");
      await insertNotification(store, WS, note("n2", "ada", T0 + 1, T0 + 1000));
      await insertNotification(store, WS, note("n3", "ada", T0 + 2));
      await insertNotification(store, WS, note("x1", "bob", T0 + 3));

      const inbox = await listNotifications(store, WS, "ada", T0 + 10);
      expect(inbox.unread).toBe(3);
      expect(inbox.notifications.map((n) => n.id)).toEqual(["n3", "n2", "n1"]);
      expect(inbox.notifications[2]).toEqual({ ...note("n1", "ada", T0), readAt: null, dismissedAt: null });
      // n2 expires at T0 + 1000.
      expect((await listNotifications(store, WS, "ada", T0 + 1000)).notifications.map((n) => n.id)).toEqual([
        "n3",
        "n1",
      ]);
      expect((await listNotifications(store, "ws-other", "ada", T0)).notifications).toEqual([]);
    },
  );

  it.skipIf(target.skip)("marks read and dismissed once, only in the customer's own inbox", async () => {
    const read = await markNotification(store, WS, "ada", "n3", "read", T0 + 20);
    expect(read.readAt).toBe(T0 + 20);
    expect((await markNotification(store, WS, "ada", "n3", "read", T0 + 30)).readAt).toBe(T0 + 20);
    expect((await listNotifications(store, WS, "ada", T0 + 30)).unread).toBe(2);
    await markNotification(store, WS, "ada", "n1", "dismissed", T0 + 40);
    expect((await listNotifications(store, WS, "ada", T0 + 50)).notifications.map((n) => n.id)).toEqual(["n3", "n2"]);
    await expect(markNotification(store, WS, "bob", "n3", "read", T0)).rejects.toMatchObject({ code: "not_found" });
    await expect(markNotification(store, WS, "ada", "x1", "dismissed", T0)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it.skipIf(target.skip)("gives the notifications stored after a position, for the live stream", async () => {
    const start = await lastNotificationSeq(store, WS, "cy");
    expect(start).toBe(0);
    await insertNotification(store, WS, note("c1", "cy", T0));
    const mark = await lastNotificationSeq(store, WS, "cy");
    await insertNotification(store, WS, note("c2", "cy", T0));
    expect((await notificationsAfter(store, WS, "cy", start)).map((n) => n.id)).toEqual(["c1", "c2"]);
    expect((await notificationsAfter(store, WS, "cy", mark)).map((n) => n.id)).toEqual(["c2"]);
  });

  it.skipIf(target.skip)(
    "stores many in one call (issue 16): answers in order, keeps what a redelivery finds, tells the feed of new ones only",
    async () => {
      const feed = new NotificationFeed();
      const heard: string[] = [];
      for (const customer of ["dee", "eve"])
        feed.subscribe(WS, customer, (n) => {
          heard.push(`${customer}:${n?.id}`);
        });
      await insertNotification(store, WS, note("b2", "eve", T0), { feed });
      const answers = await insertNotifications(
        store,
        WS,
        [note("b1", "dee", T0), { ...note("b2", "eve", T0 + 5), title: "changed" }, note("b3", "eve", T0 + 6)],
        { feed },
      );
      expect(answers.map((a) => [a.notification.id, a.notification.title, a.created])).toEqual([
        ["b1", "Title b1", true],
        ["b2", "Title b2", false],
        ["b3", "Title b3", true],
      ]);
      expect(heard).toEqual(["eve:b2", "dee:b1", "eve:b3"]);
      const [b1, , b3] = answers;
      expect(b3?.notification.seq).toBeGreaterThan(b1?.notification.seq ?? Number.POSITIVE_INFINITY);
      expect((await listNotifications(store, WS, "eve", T0 + 10)).notifications.map((n) => n.id)).toEqual(["b3", "b2"]);
      expect(await insertNotifications(store, WS, [])).toEqual([]);
    },
  );
});
