import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEmailChannel,
  createMailbox,
  type DevSmtpServer,
  smtpEndpoint,
  startDevSmtpServer,
  webhookEndpointOf,
} from "@overture/channels";
import type { Delivery } from "@overture/runtime";
import { openOverture, VirtualClock } from "@overture/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_URL, EMAIL_JOURNEY, SECRET, T0 } from "./email-harness.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A seeded [0, 1) source, so the jitter is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe("an SMTP outage (issue 12, finding 6: the acceptance test)", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("SMTP down for ten minutes of virtual time, then back: every email delivered exactly once, none dead", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-outage-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const mailbox = createMailbox({ cap: 1_000 });
    // A real SMTP server on loopback, stopped at once: its port now refuses connections, as a provider that is down.
    let smtp: DevSmtpServer = await startDevSmtpServer(mailbox);
    const port = smtp.port;
    await smtp.close();
    cleanups.push(() => smtp.close().catch(() => {}));

    const clock = new VirtualClock(T0);
    const overture = await openOverture({
      dataDir: dir,
      clock,
      durability: "normal",
      dispatcher: { random: seeded(12) },
    });
    cleanups.push(() => overture.close());
    const channel = createEmailChannel({
      store: overture.store,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: '"Overture test" <hello@overture.test>',
      baseUrl: BASE_URL,
      signingSecret: SECRET,
    });
    cleanups.push(() => channel.close());
    const attempts: Array<{ at: number; ok: boolean }> = [];
    overture.dispatcher.register({
      ...channel,
      // Counts the calls that reach SMTP; the channel itself is the real one.
      deliver: async (d) => {
        try {
          const sent = await channel.deliver(d);
          attempts.push({ at: clock.now(), ok: true });
          return sent;
        } catch (error) {
          attempts.push({ at: clock.now(), ok: false });
          throw error;
        }
      },
    });
    const { workspaceId } = await overture.workspaces.ensureDefault();
    const journey = await overture.journeys.create(workspaceId, { name: EMAIL_JOURNEY.name, document: EMAIL_JOURNEY });
    await overture.journeys.publish(workspaceId, journey.id);
    const customers = Array.from({ length: 30 }, (_, n) => `c${n}`);
    for (const id of customers)
      await overture.customers.upsert(workspaceId, { id, attributes: { email: `${id}@example.com`, firstName: id } });
    await overture.events.ingest(
      workspaceId,
      customers.map((customerId) => ({ name: "purchase.completed", customerId, properties: { product: "Pro plan" } })),
    );
    await overture.engine.runUntilIdle();

    // Fifteen virtual minutes in 5-second steps; SMTP comes back on the same port at minute ten.
    for (let elapsed = 0; elapsed <= 15 * MINUTE; elapsed += 5 * SECOND) {
      if (elapsed === 10 * MINUTE) smtp = await startDevSmtpServer(mailbox, { port });
      await overture.dispatcher.runUntilIdle();
      clock.advance(5 * SECOND);
    }

    const rows = await overture.store.outboxOf(workspaceId, {});
    expect(rows.filter((r) => r.status === "dead")).toEqual([]);
    expect(rows.map((r) => r.status)).toEqual(customers.map(() => "sent"));
    const received = mailbox.list({ limit: 1_000 });
    expect(received.map((m) => m.to[0]).sort()).toEqual(customers.map((c) => `${c}@example.com`).sort());
    expect(new Set(received.map((m) => m.overtureKey)).size).toBe(customers.length);
    // Bounded attempts while down: each email failed once as the outage began, then the breaker let one probe
    // through at 30 s, 1.5 min, 3.5 min and 7.5 min; the probe at 12.5 min found SMTP back.
    const failed = attempts.filter((a) => !a.ok);
    expect(failed).toHaveLength(customers.length + 4);
    expect(failed.filter((a) => a.at > T0).map((a) => (a.at - T0) / SECOND)).toEqual([30, 90, 210, 450]);
    const delivered = attempts.filter((a) => a.ok).map((a) => a.at - T0);
    expect(Math.min(...delivered)).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(Math.max(...delivered)).toBeLessThanOrEqual(13 * MINUTE);
    expect(overture.dispatcher.circuits()).toEqual([]);
  });

  it("names each channel's endpoint for its circuit, without credentials, paths or queries", () => {
    expect(smtpEndpoint("smtp://user:secret@mail.example.com:2525")).toBe("mail.example.com:2525");
    expect(smtpEndpoint("smtps://mail.example.com")).toBe("mail.example.com:465");
    expect(smtpEndpoint("not a url")).toBe("smtp");
    const hook = (endpoint: string) => ({ workspaceId: "w1", payload: { endpoint } }) as unknown as Delivery;
    expect(webhookEndpointOf(hook("crm"))).toBe("w1/crm");
    expect(webhookEndpointOf(hook("https://hooks.example.com/t/abc?token=x"))).toBe("hooks.example.com");
  });
});
