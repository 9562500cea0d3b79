import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type PushSubscriptions, pushSubscriptions } from "../src/push/push-subscriptions.ts";
import { openPushRuntime } from "./push-harness.ts";
import { type ChannelRuntime, storeTargets, T0 } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("the push subscriptions table");
afterAll(dropAll);

const keys = (n: number) => ({ p256dh: `BP256dh-key-${n}`, auth: `auth-${n}` });

/** The subscriptions port's contract, the same on SQLite and PostgreSQL (issue 17, web push). */
for (const target of targets) {
  describe.skipIf(target.skip)(`push subscriptions on ${target.name}`, () => {
    let rt: ChannelRuntime;
    let subs: PushSubscriptions;
    beforeEach(async () => {
      ({ rt } = await openPushRuntime(target.url ? await target.url() : undefined));
      subs = pushSubscriptions(rt.overture.store.sql);
    });
    afterEach(() => rt.cleanup());

    it("adds, lists a customer's subscriptions oldest first, and upserts by endpoint", async () => {
      await subs.add(rt.ws, { customerId: "ada", endpoint: "https://push.example/b", keys: keys(1) }, T0);
      await subs.add(rt.ws, { customerId: "ada", endpoint: "https://push.example/a", keys: keys(2) }, T0 + 5);
      await subs.add(rt.ws, { customerId: "bob", endpoint: "https://push.example/c", keys: keys(3) }, T0 + 6);
      expect(await subs.list(rt.ws, "ada")).toEqual([
        { customerId: "ada", endpoint: "https://push.example/b", keys: keys(1), createdAt: T0, updatedAt: T0 },
        { customerId: "ada", endpoint: "https://push.example/a", keys: keys(2), createdAt: T0 + 5, updatedAt: T0 + 5 },
      ]);
      // The same browser again with new keys, now signed in as bob: the endpoint moves, keeping its first date.
      await subs.add(rt.ws, { customerId: "bob", endpoint: "https://push.example/b", keys: keys(9) }, T0 + 10);
      expect((await subs.list(rt.ws, "ada")).map((s) => s.endpoint)).toEqual(["https://push.example/a"]);
      expect(await subs.list(rt.ws, "bob")).toEqual([
        { customerId: "bob", endpoint: "https://push.example/b", keys: keys(9), createdAt: T0, updatedAt: T0 + 10 },
        { customerId: "bob", endpoint: "https://push.example/c", keys: keys(3), createdAt: T0 + 6, updatedAt: T0 + 6 },
      ]);
    });

    it("removes by endpoint (only the customer's own when a customer is named) and all of a customer's", async () => {
      await subs.add(rt.ws, { customerId: "ada", endpoint: "https://push.example/1", keys: keys(1) }, T0);
      await subs.add(rt.ws, { customerId: "ada", endpoint: "https://push.example/2", keys: keys(2) }, T0);
      await subs.add(rt.ws, { customerId: "bob", endpoint: "https://push.example/3", keys: keys(3) }, T0);
      expect(await subs.remove(rt.ws, "https://push.example/3", "ada")).toBe(false);
      expect(await subs.list(rt.ws, "bob")).toHaveLength(1);
      expect(await subs.remove(rt.ws, "https://push.example/1", "ada")).toBe(true);
      expect(await subs.remove(rt.ws, "https://push.example/1")).toBe(false);
      expect(await subs.remove(rt.ws, "https://push.example/3")).toBe(true);
      await subs.add(rt.ws, { customerId: "ada", endpoint: "https://push.example/4", keys: keys(4) }, T0);
      expect(await subs.removeAll(rt.ws, "ada")).toBe(2);
      expect(await subs.list(rt.ws, "ada")).toEqual([]);
      expect(await subs.removeAll(rt.ws, "ada")).toBe(0);
    });

    it("keeps workspaces apart: the same endpoint in two workspaces is two subscriptions", async () => {
      const other = (await rt.overture.workspaces.create("Other")).workspaceId;
      await subs.add(rt.ws, { customerId: "ada", endpoint: "https://push.example/x", keys: keys(1) }, T0);
      await subs.add(other, { customerId: "ada", endpoint: "https://push.example/x", keys: keys(2) }, T0);
      await subs.removeAll(other, "ada");
      expect((await subs.list(rt.ws, "ada")).map((s) => s.keys)).toEqual([keys(1)]);
      expect(await subs.list(other, "ada")).toEqual([]);
    });
  });
}
