import { PermanentError, TransientError } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

describe("dead letters re-driven by filter, circuits listed (issue 12, finding 6)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
    // A provider that refuses some mailboxes for good and is unreachable for others.
    t.overture.dispatcher.register({
      channel: "email",
      endpointOf: () => "smtp.test:25",
      async deliver(d) {
        if (d.customerId.startsWith("full")) throw new PermanentError("smtp_rejected", "SMTP: 552 mailbox full");
        if (d.customerId.startsWith("gone")) throw new PermanentError("smtp_rejected", "SMTP: 550 no such user");
        if (d.customerId.startsWith("down")) throw new TransientError("smtp_unavailable", "SMTP: connect ECONNREFUSED");
        return { ok: true };
      },
    });
    const created = await t.call("POST", "/v1/journeys", { body: { name: "Welcome", document: WELCOME_JOURNEY } });
    expect((await t.call("POST", `/v1/journeys/${created.body.id}/publish`)).status).toBeLessThan(300);
  });
  afterEach(() => t.close());

  async function deliverTo(customers: string[]) {
    await t.overture.events.ingest(
      t.keys.workspaceId,
      customers.map((customerId) => ({ name: "purchase.completed", customerId, properties: {} })),
    );
    await t.overture.engine.runUntilIdle();
    await t.overture.dispatcher.runOnce();
  }

  it("counts with dryRun, then puts the matching dead letters back to pending", async () => {
    await deliverTo(["full-1", "full-2", "gone-1"]);
    expect((await t.call("GET", "/v1/outbox?status=dead")).body.items).toHaveLength(3);

    const dry = await t.call("POST", "/v1/outbox/redrive", { body: { errorContains: "MAILBOX FULL", dryRun: true } });
    expect(dry).toMatchObject({ status: 200, body: { count: 2, dryRun: true } });
    expect((await t.call("GET", "/v1/outbox?status=dead")).body.items).toHaveLength(3);
    expect(
      (await t.call("POST", "/v1/outbox/redrive", { body: { channel: "webhook", dryRun: true } })).body.count,
    ).toBe(0);
    expect(
      (await t.call("POST", "/v1/outbox/redrive", { body: { stepId: "welcome", customerId: "gone-1", dryRun: true } }))
        .body.count,
    ).toBe(1);

    const done = await t.call("POST", "/v1/outbox/redrive", {
      body: { errorContains: "mailbox full", channel: "email", stepId: "welcome" },
    });
    expect(done).toMatchObject({ status: 200, body: { count: 2, dryRun: false } });
    const pending = (await t.call("GET", "/v1/outbox?status=pending")).body.items;
    expect(pending.map((r: { customerId: string; attempts: number }) => [r.customerId, r.attempts]).sort()).toEqual([
      ["full-1", 0],
      ["full-2", 0],
    ]);
    expect(
      (await t.call("GET", "/v1/outbox?status=dead")).body.items.map((r: { customerId: string }) => r.customerId),
    ).toEqual(["gone-1"]);
    // By time: everything died at T0.
    const now = t.clock.now();
    expect(
      (await t.call("POST", "/v1/outbox/redrive", { body: { deadSince: now + 1, dryRun: true } })).body.count,
    ).toBe(0);
    expect(
      (await t.call("POST", "/v1/outbox/redrive", { body: { deadSince: now, deadUntil: now + 1 } })).body.count,
    ).toBe(1);
  });

  it("refuses a bad filter naming each field, and the write key", async () => {
    const bad = await t.call("POST", "/v1/outbox/redrive", { body: { channel: "", limit: 0, deadSince: "yesterday" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      "channel",
      "deadSince",
      "limit",
    ]);
    const unknown = await t.call("POST", "/v1/outbox/redrive", { body: { status: "sent" } });
    expect(unknown.status).toBe(400);
    expect((await t.call("POST", "/v1/outbox/redrive", { body: {}, key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("GET", "/v1/outbox/circuits", { key: t.keys.writeKey })).status).toBe(403);
  });

  it("lists the circuit of an endpoint that keeps failing", async () => {
    expect((await t.call("GET", "/v1/outbox/circuits")).body).toEqual({ items: [] });
    await deliverTo(["down-1", "down-2", "down-3", "down-4", "down-5"]);
    const circuits = await t.call("GET", "/v1/outbox/circuits");
    expect(circuits.status).toBe(200);
    expect(circuits.body.items).toEqual([
      {
        channel: "email",
        endpoint: "smtp.test:25",
        state: "open",
        consecutiveFailures: 5,
        openedAt: t.clock.now(),
        probeAt: t.clock.now() + 30_000,
        cooldownMs: 30_000,
        lastError: "SMTP: connect ECONNREFUSED",
      },
    ]);
  });
});
