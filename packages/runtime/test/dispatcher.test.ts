import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../src/clock/clock.ts";
import { TransientError } from "../src/errors.ts";
import type { ChannelHandler, Delivery } from "../src/outbox/channel.ts";
import { Dispatcher, type DispatcherOptions } from "../src/outbox/dispatcher.ts";
import type { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { customersIn, instance, openWorkspaceStore, outboxRow, T0, WS, writeBatch } from "./store-contract-fixtures.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A provider on two hosts that can each be down; deliveries name their host in the payload. */
function flakyChannel(clock: VirtualClock) {
  const down = new Set<string>();
  const calls: Array<{ host: string; key: string; at: number; ok: boolean }> = [];
  const handler: ChannelHandler = {
    channel: "email",
    endpointOf: (d: Delivery) => String(d.payload.host),
    async deliver(d) {
      const host = String(d.payload.host);
      const ok = !down.has(host);
      calls.push({ host, key: d.key, at: clock.now(), ok });
      if (!ok) throw new TransientError("smtp_unavailable", `SMTP: connect ECONNREFUSED ${host}`);
      return { to: d.customerId };
    },
  };
  return { handler, down, calls };
}

describe("dispatcher: deliveries that survive outages (issue 12, finding 6)", () => {
  let store: SqliteStore;
  let clock: VirtualClock;
  beforeEach(async () => {
    store = await openWorkspaceStore();
    clock = new VirtualClock(T0);
  });
  afterEach(() => store.close());

  async function queue(count: number, host: string, first = 0): Promise<void> {
    const customers = customersIn(2, first + count).slice(first);
    await writeBatch(store, 2, {
      outbox: customers.map((c) => outboxRow(instance(c), "welcome", { payload: { host } })),
    });
  }

  /** Steps the dispatcher while virtual time moves on in 1-second ticks. */
  async function runFor(
    dispatcher: Dispatcher,
    ms: number,
    onTick: (elapsed: number) => void = () => {},
  ): Promise<void> {
    for (let elapsed = 0; elapsed <= ms; elapsed += 1_000) {
      onTick(elapsed);
      await dispatcher.runUntilIdle();
      clock.advance(1_000);
    }
  }

  it("an SMTP host down for ten minutes dead-letters nothing; the circuit keeps the attempts few", async () => {
    const smtp = flakyChannel(clock);
    const dispatcher = new Dispatcher(store, clock, [smtp.handler], { random: () => 0.5 });
    await queue(20, "smtp.test:25");
    await runFor(dispatcher, 15 * MINUTE, (elapsed) => {
      if (elapsed === 0) smtp.down.add("smtp.test:25");
      if (elapsed === 10 * MINUTE) smtp.down.delete("smtp.test:25");
    });
    const rows = await store.outboxOf(WS, {});
    expect(rows.map((r) => r.status)).toEqual(Array(20).fill("sent"));
    const failed = smtp.calls.filter((c) => !c.ok);
    // Each row failed once when the outage began, then only the probes went: at 30 s, 1.5, 3.5, 7.5 min.
    expect(failed).toHaveLength(20 + 4);
    // Sent once each, after the outage, as soon as a probe found the host back (12.5 min).
    const sent = smtp.calls.filter((c) => c.ok);
    expect(new Set(sent.map((c) => c.key)).size).toBe(20);
    expect(sent).toHaveLength(20);
    expect(Math.max(...sent.map((c) => c.at)) - T0).toBeLessThanOrEqual(13 * MINUTE);
    // Waits behind the open circuit are free: the rows spent exactly the calls made (the probes are one row's).
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBe(smtp.calls.length);
    expect(
      rows
        .map((r) => r.attempts)
        .sort((a, b) => b - a)
        .slice(0, 2),
    ).toEqual([6, 2]);
    expect(dispatcher.circuits()).toEqual([]);
  });

  it("an open circuit pauses only its endpoint; ops see its state", async () => {
    const smtp = flakyChannel(clock);
    const dispatcher = new Dispatcher(store, clock, [smtp.handler], { random: () => 0.5 });
    smtp.down.add("down.test:25");
    await queue(6, "down.test:25");
    await dispatcher.runUntilIdle();
    await queue(3, "up.test:25", 6);
    clock.advance(10_000);
    await dispatcher.runUntilIdle();
    const rows = await store.outboxOf(WS, {});
    expect(rows.filter((r) => r.payload.host === "up.test:25").map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    const held = rows.filter((r) => r.payload.host === "down.test:25");
    expect(held.map((r) => [r.status, r.attempts])).toEqual(Array(6).fill(["pending", 1]));
    expect(held[0]!.lastError).toMatch(
      /^circuit open: email down\.test:25 failed 6 times in a row \(last: SMTP: connect ECONNREFUSED down\.test:25\)/,
    );
    expect(held.every((r) => r.nextAttemptAt === T0 + 30_000)).toBe(true);
    expect(dispatcher.circuits(WS)).toEqual([
      {
        channel: "email",
        endpoint: "down.test:25",
        state: "open",
        consecutiveFailures: 6,
        openedAt: T0,
        probeAt: T0 + 30_000,
        cooldownMs: 30_000,
        lastError: "SMTP: connect ECONNREFUSED down.test:25",
      },
    ]);
    expect(dispatcher.circuits("another-workspace")).toEqual([]);
  });

  it("gives up only after the retry window: a day for email, measured from the first attempt", async () => {
    const smtp = flakyChannel(clock);
    // Without breakers: every retry is a real attempt.
    const dispatcher = new Dispatcher(store, clock, [smtp.handler], { random: () => 0.5, circuitBreaker: false });
    smtp.down.add("smtp.test:25");
    await queue(1, "smtp.test:25");
    for (let step = 0; step < 200; step++) {
      await dispatcher.runUntilIdle();
      const [row] = await store.outboxOf(WS, {});
      if (row!.status === "dead") break;
      clock.advanceTo(row!.nextAttemptAt);
    }
    const [row] = await store.outboxOf(WS, {});
    expect(row!.status).toBe("dead");
    expect(clock.now() - T0).toBeGreaterThan(23 * HOUR);
    expect(clock.now() - T0).toBeLessThanOrEqual(24 * HOUR);
    expect(row!.lastError).toMatch(
      /^SMTP: connect ECONNREFUSED smtp\.test:25 \(gave up after \d+ attempts over 23h\d+m/,
    );
  });

  it("honours Retry-After up to the cap: 'retry in 10 days' waits an hour", async () => {
    const handler: ChannelHandler = {
      channel: "webhook",
      async deliver() {
        throw new TransientError("webhook_unavailable", "503 come back later", 10 * 24 * HOUR);
      },
    };
    const dispatcher = new Dispatcher(store, clock, [handler], { random: () => 0.5 });
    await writeBatch(store, 2, {
      outbox: [outboxRow(instance(customersIn(2, 1)[0]!), "hook", { channel: "webhook" })],
    });
    await dispatcher.runUntilIdle();
    const [row] = await store.outboxOf(WS, {});
    expect([row!.status, row!.nextAttemptAt - T0]).toEqual(["pending", HOUR]);
  });

  it("quarantines a delivery that hangs its dispatcher, instead of handing it out forever (issue 12, finding 2)", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const hangs: ChannelHandler = {
      channel: "email",
      async deliver() {
        calls += 1;
        await released;
        return null;
      },
    };
    const options: DispatcherOptions = { leaseMs: MINUTE, random: () => 0.5 };
    await writeBatch(store, 2, { outbox: [outboxRow(instance(customersIn(2, 1)[0]!), "poison")] });
    // Each "process" takes the row and never comes back; the next one takes it when the lease runs out.
    const stuck: Array<Promise<number>> = [];
    for (let process = 0; process < 5; process++) {
      stuck.push(new Dispatcher(store, clock, [hangs], options).runOnce());
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(MINUTE);
    }
    expect(calls).toBe(3);
    const [row] = await store.outboxOf(WS, {});
    expect([row!.status, row!.lastError]).toEqual(["dead", "delivery crashed or hung 3 times; quarantined"]);
    // The hung deliveries finishing late do not bring it back.
    release();
    await Promise.all(stuck);
    expect((await store.outboxOf(WS, {}))[0]!.status).toBe("dead");
  });
});
