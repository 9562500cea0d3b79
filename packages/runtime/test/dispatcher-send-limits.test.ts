import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../src/clock/clock.ts";
import type { ChannelHandler, Delivery } from "../src/outbox/channel.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import { SendGate } from "../src/outbox/send-limits.ts";
import type { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { customersIn, instance, openWorkspaceStore, outboxRow, T0, WS, writeBatch } from "./store-contract-fixtures.ts";

/** A channel that counts its sends in flight, overall and per host; each send lasts a few turns of the event loop. */
function countingChannel(channel: string) {
  const inFlight = new Map<string, number>();
  const most = new Map<string, number>();
  let all = 0;
  let mostAll = 0;
  const handler: ChannelHandler = {
    channel,
    endpointOf: (d: Delivery) => String(d.payload.host),
    async deliver(d) {
      const host = String(d.payload.host);
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      most.set(host, Math.max(most.get(host) ?? 0, inFlight.get(host) ?? 0));
      mostAll = Math.max(mostAll, ++all);
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
      inFlight.set(host, (inFlight.get(host) ?? 0) - 1);
      all--;
      return { to: d.customerId };
    },
  };
  return { handler, most, mostAll: () => mostAll };
}

describe("dispatcher: sends in parallel up to a limit per channel and per endpoint (issue 16)", () => {
  let store: SqliteStore;
  let clock: VirtualClock;
  beforeEach(async () => {
    store = await openWorkspaceStore();
    clock = new VirtualClock(T0);
  });
  afterEach(() => store.close());

  async function queue(channel: string, hosts: string[], perHost: number): Promise<void> {
    const customers = customersIn(3, hosts.length * perHost, channel);
    await writeBatch(store, 3, {
      outbox: customers.map((c, i) =>
        outboxRow(instance(c), "welcome", { channel, payload: { host: hosts[i % hosts.length] ?? "" } }),
      ),
    });
  }

  it("holds each channel's sends to its limits and still sends every row once", async () => {
    const email = countingChannel("email");
    const webhook = countingChannel("webhook");
    await queue("email", ["a", "b"], 10);
    await queue("webhook", ["x", "y", "z"], 6);
    const dispatcher = new Dispatcher(store, clock, [email.handler, webhook.handler], {
      sendLimits: { "*": { endpoint: 2 }, email: { channel: 3 } },
    });
    expect(await dispatcher.runUntilIdle()).toBe(38);
    expect(email.mostAll()).toBe(3);
    expect(Math.max(...email.most.values())).toBe(2);
    // The webhook has no channel limit of its own: two at a time to each of its three endpoints.
    expect(webhook.mostAll()).toBe(6);
    expect([...webhook.most.values()]).toEqual([2, 2, 2]);
    const rows = await store.outboxOf(WS, { limit: 100 });
    expect(rows.map((r) => r.status)).toEqual(Array(38).fill("sent"));
  });

  it("sends a whole batch at once when no limit is set, as before", async () => {
    const email = countingChannel("email");
    await queue("email", ["a"], 12);
    await new Dispatcher(store, clock, [email.handler]).runUntilIdle();
    expect(email.mostAll()).toBe(12);
  });

  it("refuses a limit that is not a whole number of at least 1", () => {
    expect(() => new SendGate({ email: { endpoint: 0 } })).toThrow(/at least 1/);
    expect(() => new SendGate({ "*": { channel: 1.5 } })).toThrow(/at least 1/);
  });
});
