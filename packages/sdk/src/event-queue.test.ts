import { describe, expect, it } from "vitest";
import { OvertureError } from "./errors.ts";
import { EventQueue, type QueuedEvent, type SendBatch } from "./event-queue.ts";

const event = (id: string): QueuedEvent => ({ id, name: "page.viewed", customerId: "c1", timestamp: 0 });

/** A send that stores everything and notes each batch's ids. */
function recordTo(sent: string[][]): SendBatch {
  return async (events) => {
    sent.push(events.map((e) => e.id));
    return events.map(() => null);
  };
}

/** Timers that run when the test says so. */
function manualTimers() {
  const due: Array<() => void> = [];
  return {
    setTimer: (run: () => void) => due.push(run),
    clearTimer: () => {},
    runAll: () => {
      for (const run of due.splice(0)) run();
    },
    get count() {
      return due.length;
    },
  };
}

describe("EventQueue", () => {
  it("waits for the delay, then sends the queued events in one batch", async () => {
    const timers = manualTimers();
    const sent: string[][] = [];
    const queue = new EventQueue({ ...timers, send: recordTo(sent) });
    const done = Promise.all([queue.push(event("a")), queue.push(event("b"))]);
    expect(sent).toEqual([]);
    expect(timers.count).toBe(1);
    timers.runAll();
    await done;
    expect(sent).toEqual([["a", "b"]]);
    expect(queue.size).toBe(0);
  });

  it("sends at once when a batch is full, splitting larger queues", async () => {
    const sent: string[][] = [];
    const queue = new EventQueue({ maxBatch: 2, delayMs: 10_000, send: recordTo(sent) });
    const first = Promise.all([queue.push(event("a")), queue.push(event("b"))]);
    await first;
    expect(sent).toEqual([["a", "b"]]);
    const rest = Promise.all(["c", "d", "e"].map((id) => queue.push(event(id))));
    await queue.flush();
    await rest;
    expect(sent).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("keeps its defaults for options given as undefined", async () => {
    const sent: number[] = [];
    const queue = new EventQueue({
      maxBatch: undefined,
      delayMs: undefined,
      send: async (events) => {
        sent.push(events.length);
        return events.map(() => null);
      },
    });
    const all = Promise.all(Array.from({ length: 45 }, (_, i) => queue.push(event(`e${i}`))));
    await queue.flush();
    await all;
    expect(sent).toEqual([20, 20, 5]);
  });

  it("retries what failed for a retryable reason with the same ids, and rejects what the server refused", async () => {
    const attempts: string[][] = [];
    const queue = new EventQueue({
      delayMs: 0,
      backoffMs: () => 0,
      send: async (events) => {
        attempts.push(events.map((e) => e.id));
        if (attempts.length === 1) throw new OvertureError("network_error", "offline");
        return events.map((e) => (e.id === "bad" ? new OvertureError("invalid_input", "name is required", 400) : null));
      },
    });
    const good = queue.push(event("good"));
    const bad = queue.push(event("bad"));
    await queue.flush();
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toMatchObject({ name: "OvertureError", code: "invalid_input", status: 400 });
    expect(attempts).toEqual([
      ["good", "bad"],
      ["good", "bad"],
    ]);
  });

  it("gives up after the retries with the last error", async () => {
    let attempts = 0;
    const queue = new EventQueue({
      retries: 2,
      backoffMs: () => 0,
      send: async (events) => {
        attempts++;
        return events.map(() => new OvertureError("unavailable", "busy", 503));
      },
    });
    const pushed = queue.push(event("a"));
    void queue.flush();
    await expect(pushed).rejects.toMatchObject({ code: "unavailable" });
    expect(attempts).toBe(3);
  });

  it("hands what is waiting to the beacon when the page goes away, and keeps it when the beacon refuses", async () => {
    const timers = manualTimers();
    const beaconed: string[][] = [];
    let accept = false;
    const sent: string[][] = [];
    const queue = new EventQueue({
      ...timers,
      send: recordTo(sent),
      beacon: (events) => {
        beaconed.push(events.map((e) => e.id));
        return accept;
      },
    });
    const a = queue.push(event("a"));
    queue.flushWithBeacon();
    expect(queue.size).toBe(1);
    accept = true;
    queue.flushWithBeacon();
    await a;
    expect(queue.size).toBe(0);
    expect(beaconed).toEqual([["a"], ["a"]]);
    expect(sent).toEqual([]);
  });
});
