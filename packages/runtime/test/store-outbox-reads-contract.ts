import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../src/store/store.ts";
import type { StoreUnderTest } from "./store-contract.ts";
import { customersIn, instance, outboxRow, T0, WS, writeBatch } from "./store-contract-fixtures.ts";

/**
 * The outbox and delivery-fact reads other packages use instead of SQL on the runtime's tables (issue 17): the
 * operators' outbox list and detail, and what frequency caps count. Run on each store next to the main contract.
 */
export function runStoreOutboxReadsContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`store outbox reads contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      t = await makeStore();
      store = t.store;
      await store.migrate();
      await store.insertWorkspace({ id: WS, name: "Workspace", createdAt: T0 });
    });
    afterEach(() => t.cleanup());

    /** Four rows of two customers: sent email, dead webhook, skipped email (j2), sent email much later. */
    async function deliver() {
      const [a, b] = customersIn(2, 2);
      const ia = instance(a!);
      const ib = instance(b!, { id: `j2:${b}:1`, journeyId: "j2" });
      await writeBatch(store, 2, {
        outbox: [
          outboxRow(ia, "welcome"),
          outboxRow(ia, "hook", { channel: "webhook" }),
          outboxRow(ib, "capped"),
          outboxRow(ia, "tips"),
        ],
      });
      const [welcome, hook, capped, tips] = await store.claimOutbox(T0, 10, 60_000);
      await store.completeOutbox([
        { seq: welcome!.seq, status: "sent", at: T0 + 10, detail: { messageId: "m1" } },
        { seq: hook!.seq, status: "dead", at: T0 + 20, error: "webhook_rejected: 404" },
        { seq: capped!.seq, status: "skipped", at: T0 + 30, reason: "frequency cap" },
        { seq: tips!.seq, status: "sent", at: T0 + 5_000, detail: null },
      ]);
      return { a: a!, b: b!, welcome: welcome!, hook: hook!, capped: capped!, tips: tips! };
    }

    it("pages the outbox newest first, by status, channel, customer and journey", async () => {
      const { a, b, welcome, hook, capped, tips } = await deliver();
      const steps = (rows: Array<{ stepId: string }>) => rows.map((r) => r.stepId);
      expect(steps(await store.outboxPage(WS, {}))).toEqual(["tips", "capped", "hook", "welcome"]);
      expect(steps(await store.outboxPage(WS, { status: "dead" }))).toEqual(["hook"]);
      expect(steps(await store.outboxPage(WS, { channel: "email", customerId: a }))).toEqual(["tips", "welcome"]);
      expect(steps(await store.outboxPage(WS, { journeyId: "j2" }))).toEqual(["capped"]);
      expect(steps(await store.outboxPage(WS, { customerId: b, status: "sent" }))).toEqual([]);
      expect(steps(await store.outboxPage(WS, { before: capped.seq, limit: 1 }))).toEqual(["hook"]);
      expect(await store.outboxPage("other", {})).toEqual([]);
      const [first] = await store.outboxPage(WS, { limit: 1 });
      expect(first).toMatchObject({ seq: tips.seq, key: tips.key, status: "sent", attempts: 1, payload: tips.payload });
      expect((await store.outboxPage(WS, { status: "dead" }))[0]?.lastError).toBe("webhook_rejected: 404");
      expect(welcome.seq).toBeLessThan(hook.seq);
    });

    it("reads one outbox row by seq, and null for an unknown seq or another workspace's row", async () => {
      const { hook } = await deliver();
      expect(await store.getOutboxRow(WS, hook.seq)).toMatchObject({
        seq: hook.seq,
        key: hook.key,
        channel: "webhook",
        status: "dead",
        lastError: "webhook_rejected: 404",
      });
      expect(await store.getOutboxRow(WS, hook.seq + 1_000)).toBeNull();
      expect(await store.getOutboxRow("other", hook.seq)).toBeNull();
    });

    it("lists a row's delivery facts oldest first, with what the channel said", async () => {
      const { welcome, hook, capped } = await deliver();
      expect(await store.deliveryFactsOf(WS, welcome.key)).toEqual([
        { status: "sent", at: T0 + 10, detail: { messageId: "m1" } },
      ]);
      expect(await store.deliveryFactsOf(WS, hook.key)).toEqual([
        { status: "dead", at: T0 + 20, detail: { error: "webhook_rejected: 404" } },
      ]);
      expect(await store.deliveryFactsOf(WS, capped.key)).toEqual([
        { status: "skipped", at: T0 + 30, detail: { reason: "frequency cap" } },
      ]);
      // Re-driven and dead again: a second round after the first.
      await store.redriveOutbox({ workspaceId: WS, seq: hook.seq }, T0 + 100);
      const [again] = await store.claimOutbox(T0 + 100, 10, 60_000);
      await store.completeOutbox([{ seq: again!.seq, status: "dead", at: T0 + 200, error: "still 404" }]);
      expect((await store.deliveryFactsOf(WS, hook.key)).map((f) => [f.status, f.at])).toEqual([
        ["dead", T0 + 20],
        ["dead", T0 + 200],
      ]);
      expect(await store.deliveryFactsOf("other", hook.key)).toEqual([]);
    });

    it("gives the keys of a customer's sends on a channel after a time: not dead, not skipped, not before", async () => {
      const { a, b, welcome, tips } = await deliver();
      const keys = (customerId: string, channel: string, since: number) =>
        store.sentDeliveryKeys(WS, { customerId, channel, since });
      expect((await keys(a, "email", T0)).sort()).toEqual([welcome.key, tips.key].sort());
      expect(await keys(a, "email", T0 + 10)).toEqual([tips.key]);
      expect(await keys(a, "webhook", T0)).toEqual([]);
      expect(await keys(b, "email", T0)).toEqual([]);
      expect(await store.sentDeliveryKeys("other", { customerId: a, channel: "email", since: T0 })).toEqual([]);
    });
  });
}
