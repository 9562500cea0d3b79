import { createHmac, timingSafeEqual } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listOutbox } from "../src/webhook/outbox-admin.ts";
import { verifyWebhookSignature } from "../src/webhook/signature.ts";
import { createWebhookChannel } from "../src/webhook/webhook-channel.ts";
import { putWebhookEndpoint } from "../src/webhook/webhook-endpoints.ts";
import { type ChannelRuntime, openChannelRuntime, startReceiver } from "./webhook-harness.ts";

const SECRET = "whsec_test";
const PAYLOAD = `{ "type": "order.paid", "name": {{ customer.firstName | json }}, "total": {{ event.properties.total }}, "plan": {{ event.properties.plan | json }} }`;

describe("webhook channel (real HTTP server on loopback)", () => {
  let rt: ChannelRuntime;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeEach(async () => {
    rt = await openChannelRuntime();
    receiver = await startReceiver();
    rt.overture.dispatcher.register(
      createWebhookChannel({ store: rt.overture.store, clock: rt.clock, allow: "127.0.0.1" }),
    );
    await putWebhookEndpoint(
      rt.overture.store,
      rt.ws,
      { name: "crm", url: `${receiver.url}/hooks/crm`, secret: SECRET, timeoutMs: 300 },
      rt.clock.now(),
    );
  });
  afterEach(async () => {
    await receiver.close();
    await rt.cleanup();
  });

  async function hookFor(customerId: string, step: Record<string, string> = {}) {
    await rt.publish(`Hook ${customerId}`, `paid.${customerId}`, [
      { id: "hook", type: "webhook", endpoint: "crm", payload: PAYLOAD, ...step },
    ]);
    await rt.send(customerId, `paid.${customerId}`, { total: 49, plan: "pro" }, { firstName: 'Ada "the" Lovelace' });
  }
  const rows = () => listOutbox(rt.overture.store, rt.ws, { channel: "webhook" });

  it("posts the rendered JSON, signed so that the documented check verifies it, and records the answer", async () => {
    await hookFor("c1");
    expect(await rt.overture.dispatcher.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [call] = receiver.received;
    expect(call!.method).toBe("POST");
    expect(call!.path).toBe("/hooks/crm");
    expect(JSON.parse(call!.body)).toEqual({ type: "order.paid", name: 'Ada "the" Lovelace', total: 49, plan: "pro" });
    expect(call!.headers["content-type"]).toBe("application/json");
    const [row] = await rows();
    expect(call!.headers["x-overture-delivery"]).toBe(row!.key);
    const timestamp = String(call!.headers["x-overture-timestamp"]);
    expect(timestamp).toBe(String(rt.clock.now()));
    // The receiver's check, exactly as docs/api.md shows it.
    const signature = String(call!.headers["x-overture-signature"]);
    const expected = `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${call!.body}`).digest("hex")}`;
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    expect(
      verifyWebhookSignature({ secret: SECRET, timestamp, body: call!.body, signature, now: rt.clock.now() }),
    ).toBe(true);
    expect(
      verifyWebhookSignature({ secret: "other", timestamp, body: call!.body, signature, now: rt.clock.now() }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({ secret: SECRET, timestamp, body: `${call!.body} `, signature, now: rt.clock.now() }),
    ).toBe(false);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    const facts = await rt.overture.store.sql.all<{ status: string; detail: string }>(
      "SELECT status, detail FROM deliveries WHERE outbox_key = ?",
      [row!.key],
    );
    expect(facts.map((f) => ({ status: f.status, detail: JSON.parse(f.detail) }))).toEqual([
      { status: "sent", detail: { status: 200, body: "ok" } },
    ]);
  });

  it("sends the default body without a template", async () => {
    await rt.publish("Plain", "plain", [{ id: "hook", type: "webhook", endpoint: "crm" }]);
    await rt.send("c2", "plain", { total: 5 });
    await rt.overture.dispatcher.runOnce();
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      customerId: "c2",
      stepId: "hook",
      journeyId: expect.any(String),
      event: { name: "plain", properties: { total: 5 } },
      context: { trigger: { name: "plain", properties: { total: 5 } } },
    });
  });

  it("retries a 503 with backoff (honouring Retry-After), then succeeds", async () => {
    receiver.answers.push({ status: 503, body: "busy", headers: { "retry-after": "120" } });
    await hookFor("c3");
    await rt.overture.dispatcher.runOnce();
    let [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: rt.clock.now() + 120_000 });
    expect(row!.lastError).toContain("answered 503: busy");
    rt.clock.advance(119_999);
    expect(await rt.overture.dispatcher.runOnce()).toBe(0);
    rt.clock.advance(1);
    expect(await rt.overture.dispatcher.runOnce()).toBe(1);
    [row] = await rows();
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(receiver.received).toHaveLength(2);
    // The same delivery id both times: the receiver can drop a duplicate.
    expect(receiver.received[1]!.headers["x-overture-delivery"]).toBe(
      receiver.received[0]!.headers["x-overture-delivery"],
    );
  });

  it("dead-letters a 400 at once, with the answer as the error", async () => {
    receiver.answers.push({ status: 400, body: "unknown field plan" });
    await hookFor("c4");
    await rt.overture.dispatcher.runOnce();
    const dead = await listOutbox(rt.overture.store, rt.ws, { status: "dead" });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      customerId: "c4",
      attempts: 1,
      lastError: expect.stringContaining("answered 400: unknown field plan"),
    });
  });

  it("retries after a timeout", async () => {
    receiver.answers.push("hang");
    await hookFor("c5");
    await rt.overture.dispatcher.runOnce();
    const [row] = await rows();
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: expect.stringMatching(/^webhook_timeout: 127\.0\.0\.1:\d+ did not answer within 300 ms/),
    });
    // Backoff with full jitter: the retry falls within the first 10 s.
    expect(row!.nextAttemptAt - rt.clock.now()).toBeLessThan(10_000);
    rt.clock.advanceTo(row!.nextAttemptAt);
    await rt.overture.dispatcher.runOnce();
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("dead-letters a payload that does not render to JSON, saying so", async () => {
    await hookFor("c6", { payload: `{ "name": {{ customer.firstName }} }` });
    await rt.overture.dispatcher.runOnce();
    expect((await rows())[0]).toMatchObject({
      status: "dead",
      lastError: expect.stringContaining("the rendered payload is not JSON"),
    });
    expect(receiver.received).toHaveLength(0);
  });

  it("dead-letters an unknown endpoint name", async () => {
    await hookFor("c7", { endpoint: "nope" });
    await rt.overture.dispatcher.runOnce();
    expect((await rows())[0]).toMatchObject({
      status: "dead",
      lastError: expect.stringContaining("no webhook endpoint named 'nope'"),
    });
  });
});

describe("webhook channel: destinations not allowed", () => {
  let rt: ChannelRuntime;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    rt = await openChannelRuntime();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await rt.cleanup();
  });

  it("refuses loopback unless allowed, and the metadata address: dead letters, nothing sent", async () => {
    rt.overture.dispatcher.register(createWebhookChannel({ store: rt.overture.store, clock: rt.clock }));
    await putWebhookEndpoint(rt.overture.store, rt.ws, { name: "local", url: `${receiver.url}/x` }, rt.clock.now());
    await rt.publish("Local", "go", [
      { id: "local", type: "webhook", endpoint: "local" },
      { id: "metadata", type: "webhook", endpoint: "http://169.254.169.254/latest/meta-data/" },
    ]);
    await rt.send("c1", "go");
    await rt.overture.dispatcher.runOnce();
    const dead = await listOutbox(rt.overture.store, rt.ws, { status: "dead" });
    expect(dead.map((r) => [r.stepId, r.lastError])).toEqual([
      [
        "metadata",
        expect.stringMatching(
          /^destination_not_allowed: 169\.254\.169\.254 resolves to 169\.254\.169\.254, a link-local address/,
        ),
      ],
      [
        "local",
        expect.stringMatching(
          /^destination_not_allowed: .*127\.0\.0\.1, a loopback address; add it to OVERTURE_WEBHOOK_ALLOW/,
        ),
      ],
    ]);
    expect(receiver.received).toHaveLength(0);
  });

  it("keeps the connection on the checked address: a name that re-resolves to loopback (DNS rebinding) is refused", async () => {
    let lookups = 0;
    // The first answer (the check) is public, the next ones (the connection) point at our loopback receiver.
    const rebinding = async () => (++lookups === 1 ? ["93.184.216.34"] : ["127.0.0.1"]);
    rt.overture.dispatcher.register(
      createWebhookChannel({ store: rt.overture.store, clock: rt.clock, lookup: rebinding }),
    );
    const port = new URL(receiver.url).port;
    await putWebhookEndpoint(
      rt.overture.store,
      rt.ws,
      { name: "rebind", url: `http://rebind.example.com:${port}/x` },
      rt.clock.now(),
    );
    await rt.publish("Rebind", "go", [{ id: "hook", type: "webhook", endpoint: "rebind" }]);
    await rt.send("c1", "go");
    await rt.overture.dispatcher.runOnce();
    expect(lookups).toBe(2);
    expect((await listOutbox(rt.overture.store, rt.ws, {}))[0]).toMatchObject({
      status: "dead",
      lastError: expect.stringMatching(
        /^destination_not_allowed: rebind\.example\.com resolves to 127\.0\.0\.1, a loopback address/,
      ),
    });
    expect(receiver.received).toHaveLength(0);
  });

  it("sends through a given fetch instead of the built-in client", async () => {
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    rt.overture.dispatcher.register(
      createWebhookChannel({ store: rt.overture.store, clock: rt.clock, allow: ["127.0.0.1"], fetch: recording }),
    );
    await putWebhookEndpoint(rt.overture.store, rt.ws, { name: "local", url: `${receiver.url}/f` }, rt.clock.now());
    await rt.publish("Fetch", "go", [{ id: "hook", type: "webhook", endpoint: "local" }]);
    await rt.send("c1", "go");
    await rt.overture.dispatcher.runOnce();
    expect(urls).toEqual([`${receiver.url}/f`]);
    expect((await listOutbox(rt.overture.store, rt.ws, {}))[0]).toMatchObject({ status: "sent" });
  });
});
