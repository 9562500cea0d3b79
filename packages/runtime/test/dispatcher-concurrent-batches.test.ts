import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../src/clock/clock.ts";
import type { ChannelHandler } from "../src/outbox/channel.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import type { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { customersIn, instance, openWorkspaceStore, outboxRow, T0, WS, writeBatch } from "./store-contract-fixtures.ts";

describe("dispatcher: several batches per round (issue 16)", () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openWorkspaceStore();
  });
  afterEach(() => store.close());

  it("claims disjoint batches at once and delivers each row once", async () => {
    const customers = customersIn(1, 12);
    await writeBatch(store, 1, { outbox: customers.map((c) => outboxRow(instance(c), "welcome")) });
    const sent: string[] = [];
    const handler: ChannelHandler = {
      channel: "email",
      async deliver(d) {
        sent.push(d.key);
        return { to: d.customerId };
      },
    };
    const dispatcher = new Dispatcher(store, new VirtualClock(T0), [handler], { batchSize: 5, concurrentBatches: 2 });
    expect(await dispatcher.runOnce()).toBe(10);
    expect(await dispatcher.runOnce()).toBe(2);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(new Set(sent).size).toBe(12);
    expect(sent).toHaveLength(12);
    const rows = await store.outboxOf(WS, {});
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(12).fill(["sent", 1]));
  });
});
