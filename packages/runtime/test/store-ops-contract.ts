import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { partitionOf } from "../src/store/partition.ts";
import type { Store } from "../src/store/store.ts";
import type { StoreUnderTest } from "./store-contract.ts";
import {
  customersIn,
  event,
  instance,
  outboxRow,
  putInstances,
  T0,
  WS,
  writeBatch,
} from "./store-contract-fixtures.ts";

/**
 * The operator readings every store must give alike (issue 12, finding 8): migrations pending, engine lag, outbox
 * rows by status. Run on each store next to the main contract.
 */
export function runStoreOpsContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`store ops contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      t = await makeStore();
      store = t.store;
      await store.migrate();
      await store.insertWorkspace({ id: WS, name: "Workspace", createdAt: T0 });
    });
    afterEach(() => t.cleanup());

    it("has no migration pending once migrated", async () => {
      expect(await store.ops.pendingMigrations()).toEqual([]);
    });

    it("measures engine lag from the oldest due timer and the head event's receipt, not a back-dated event time", async () => {
      expect(await store.ops.engineLagMs(T0)).toBe(0);
      const [a, b] = customersIn(2, 2);
      // Back-dated by a day (an import) but received at T0 + 10: due since T0 + 10.
      await store.insertEvents([{ ...event("old", a!, "x", T0 - 86_400_000), receivedAt: T0 + 10 }]);
      // Stored ahead (a simulation): not due yet, so not lag.
      await store.insertEvents([event("ahead", b!, "x", T0 + 5_000)]);
      expect(await store.ops.engineLagMs(T0 + 100)).toBe(90);
      // A timer due at T0 + 1,000 in another partition.
      const [c] = customersIn(9, 1);
      await putInstances(store, [instance(c!)]);
      expect(await store.ops.engineLagMs(T0 + 999)).toBe(989);
      const seqs = await store.withPartition(partitionOf(WS, a!), async (tx) =>
        (await tx.pendingEvents(T0 + 100, 10)).map((e) => e.seq),
      );
      await writeBatch(store, partitionOf(WS, a!), { processedEvents: seqs ?? [] });
      expect(await store.ops.engineLagMs(T0 + 1_500)).toBe(500);
      expect(await store.ops.engineLagMs(T0 + 999)).toBe(0);
    });

    it("counts outbox rows by status, every status present", async () => {
      const empty = { pending: 0, sending: 0, sent: 0, dead: 0, skipped: 0 };
      expect(await store.ops.outboxByStatus()).toEqual(empty);
      const [a] = customersIn(4, 1);
      const i = instance(a!);
      await writeBatch(store, 4, {
        outbox: [outboxRow(i, "s1"), outboxRow(i, "s2"), outboxRow(i, "s3", { nextAttemptAt: T0 + 9_000 })],
      });
      const [first, second] = await store.claimOutbox(T0, 10, 60_000);
      await store.completeOutbox([{ seq: first!.seq, status: "dead", at: T0, error: "gone" }]);
      expect(await store.ops.outboxByStatus()).toEqual({ ...empty, pending: 1, sending: 1, dead: 1 });
      await store.completeOutbox([{ seq: second!.seq, status: "sent", at: T0, detail: null }]);
      expect(await store.ops.outboxByStatus()).toEqual({ ...empty, pending: 1, sent: 1, dead: 1 });
    });

    it("fails its readings once the database is gone", async () => {
      await t.cleanup();
      await expect(store.ops.pendingMigrations()).rejects.toThrow();
      await expect(store.ops.engineLagMs(T0)).rejects.toThrow();
      // cleanup runs again after the test: closing twice must be harmless for this test only.
      t = { ...t, cleanup: async () => {} };
    });
  });
}
