import type { JourneyDocumentInput } from "@overture/core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { PermanentError, TransientError } from "../src/errors.ts";
import type { ChannelHandler, Delivery } from "../src/outbox/channel.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import { wakeDispatchers } from "../src/outbox/outbox-wake.ts";
import { PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { openTestRuntime, publish } from "./helpers.ts";
import { postgresTarget, storesOf } from "./postgres-target.ts";

/** Issue 16: the dispatcher is woken by the engine's commit, not by its poll (docs/decisions/0029). */

const welcome: JourneyDocumentInput & { id: string } = {
  id: "welcome",
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** An email channel that records each delivery and lets a test await the one of a customer. */
function recordingEmail(failFirst?: (d: Delivery) => Error | null) {
  const delivered: string[] = [];
  const waiting = new Map<string, () => void>();
  const failedOnce = new Set<string>();
  const handler: ChannelHandler = {
    channel: "email",
    async deliver(d) {
      // The first delivery to each customer fails when told to, the next ones go.
      const failure = failedOnce.has(d.customerId) ? null : failFirst?.(d);
      failedOnce.add(d.customerId);
      if (failure) throw failure;
      delivered.push(d.customerId);
      waiting.get(d.customerId)?.();
      return { to: d.customerId };
    },
  };
  const deliveredTo = (customerId: string) =>
    delivered.includes(customerId)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.set(customerId, resolve));
  return { handler, delivered, deliveredTo };
}

/** A poll this long never fires within a test's time limit: a delivery that happens was woken. */
const NEVER_MS = 60_000;

const pg = await postgresTarget();
afterAll(() => pg.dropAll());

const stores = storesOf(pg);

describe.each(stores)("dispatcher wake-up on %s", (_name, available, options) => {
  let t: Awaited<ReturnType<typeof openTestRuntime>> | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function open(email: ChannelHandler) {
    // No jitter: a retry falls due exactly when its Retry-After says.
    t = await openTestRuntime({ ...(await options()), channels: [email], dispatcher: { random: () => 0 } });
    await publish(t.overture, t.ws, welcome);
    return t;
  }

  async function purchase(rt: NonNullable<typeof t>, customerId: string) {
    await rt.overture.events.ingest(rt.ws, [{ name: "purchase.completed", customerId, at: rt.clock.now() }]);
    const pass = await rt.overture.engine.runOnce();
    expect(pass.steps).toBeGreaterThan(0);
  }

  it.skipIf(!available)("a dispatcher polling once a minute delivers each row as the engine commits it", async () => {
    const email = recordingEmail();
    const rt = await open(email.handler);
    rt.overture.dispatcher.start({ intervalMs: NEVER_MS });
    for (const customer of ["c1", "c2", "c3"]) {
      await purchase(rt, customer);
      await email.deliveredTo(customer);
    }
    expect(email.delivered).toEqual(["c1", "c2", "c3"]);
    // stop() ends the minute-long wait at once.
    await rt.overture.dispatcher.stop();
  });

  it.skipIf(!available)("the wait ends on the commit that wrote outbox rows", async () => {
    const email = recordingEmail();
    const rt = await open(email.handler);
    const dispatcher = rt.overture.dispatcher;
    // Listening from here on.
    expect(await dispatcher.waitForWork(0)).toBe("timeout");
    const woken = dispatcher.waitForWork(NEVER_MS);
    await purchase(rt, "c1");
    expect(await woken).toBe("rung");
    expect(await dispatcher.runOnce()).toBe(1);
    expect(email.delivered).toEqual(["c1"]);
  });

  it.skipIf(!available)("a row due later (a retry) ends the wait when it falls due, not at the poll", async () => {
    const email = recordingEmail(() => new TransientError("smtp_busy", "try again shortly", 40));
    const rt = await open(email.handler);
    const dispatcher = rt.overture.dispatcher;
    await purchase(rt, "c1");
    expect(await dispatcher.runOnce()).toBe(1);
    expect(email.delivered).toEqual([]);
    // The retry is 40 ms away on the clock: the wait lasts that long, not a minute.
    expect(await dispatcher.waitForWork(NEVER_MS)).toBe("timeout");
    rt.clock.advance(1_000);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(email.delivered).toEqual(["c1"]);
  });

  it.skipIf(!available)("a redrive of dead letters wakes the dispatchers too", async () => {
    const email = recordingEmail(() => new PermanentError("smtp_rejected", "mailbox unavailable"));
    const rt = await open(email.handler);
    const dispatcher = rt.overture.dispatcher;
    await purchase(rt, "c1");
    expect(await dispatcher.runOnce()).toBe(1);
    expect((await rt.overture.store.outboxOf(rt.ws, {}))[0]?.status).toBe("dead");
    expect(await dispatcher.waitForWork(0)).toBe("timeout");
    const woken = dispatcher.waitForWork(NEVER_MS);
    expect(await rt.overture.store.redriveOutbox({ workspaceId: rt.ws }, rt.clock.now())).toBe(1);
    await wakeDispatchers(rt.overture.store);
    expect(await woken).toBe("rung");
    expect(await dispatcher.runOnce()).toBe(1);
    expect(email.delivered).toEqual(["c1"]);
  });
});

describe.skipIf(!pg.available)("dispatcher wake-up across processes on PostgreSQL", () => {
  it("a dispatcher on its own connections (another process, another host) is woken by the engine's NOTIFY", async () => {
    const databaseUrl = await pg.schemaUrl();
    const email = recordingEmail();
    const t = await openTestRuntime({ databaseUrl });
    const elsewhere = new PostgresStore(databaseUrl);
    const dispatcher = new Dispatcher(elsewhere, t.clock, [email.handler]);
    try {
      await publish(t.overture, t.ws, welcome);
      // Listening from here on; the engine's process has no in-process path to this dispatcher, only NOTIFY.
      expect(await dispatcher.waitForWork(0)).toBe("timeout");
      const woken = dispatcher.waitForWork(NEVER_MS);
      await t.overture.events.ingest(t.ws, [{ name: "purchase.completed", customerId: "c1", at: t.clock.now() }]);
      await t.overture.engine.runOnce();
      expect(await woken).toBe("rung");
      expect(await dispatcher.runOnce()).toBe(1);
      expect(email.delivered).toEqual(["c1"]);
    } finally {
      await dispatcher.stop();
      await elsewhere.close();
      await t.cleanup();
    }
  });
});
