import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookChannel, verifyWebhookSignature } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

/** A receiver on loopback that answers with the queued statuses, then 200. */
async function startReceiver() {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(status === 200 ? '{"ok":true}' : '{"error":"bad payload"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    statuses,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const JOURNEY = {
  schemaVersion: 1,
  name: "Provision",
  settings: { reentry: "always" },
  steps: [
    { id: "paid", type: "trigger", trigger: { type: "event", event: "order.paid" }, next: "provision" },
    {
      id: "provision",
      type: "webhook",
      endpoint: "provisioner",
      payload: '{ "order": {{ event.properties.order | json }} }',
      next: "wait-ready",
    },
    {
      id: "wait-ready",
      type: "wait-for-event",
      events: [{ event: "account.provisioned" }],
      timeout: "1d",
      next: "done",
      timeoutNext: "done",
    },
    { id: "done", type: "exit" },
  ],
};

describe("webhook endpoints and the outbox API", () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    t = await openTestApp();
    receiver = await startReceiver();
    t.overture.dispatcher.register(
      createWebhookChannel({ store: t.overture.store, clock: t.clock, allow: "127.0.0.1" }),
    );
    // POST /v1/webhooks/test reads the allow list from the environment, as serve's channel does.
    vi.stubEnv("OVERTURE_WEBHOOK_ALLOW", "127.0.0.1");
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await receiver.close();
    await t.close();
  });

  it("creates an endpoint with a generated secret shown once; the list never shows it", async () => {
    const created = await t.call("PUT", "/v1/webhook-endpoints/provisioner", {
      body: { url: receiver.url, headers: { Authorization: "Bearer x" } },
    });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const updated = await t.call("PUT", "/v1/webhook-endpoints/provisioner", {
      body: { url: receiver.url, timeoutMs: 2_000 },
    });
    expect(updated.body).toMatchObject({ name: "provisioner", timeoutMs: 2_000, headers: {} });
    expect(updated.body.secret).toBeUndefined();
    const list = await t.call("GET", "/v1/webhook-endpoints");
    expect(list.body.endpoints).toEqual([
      {
        name: "provisioner",
        url: receiver.url,
        timeoutMs: 2_000,
        headers: {},
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
  });

  it("refuses bad endpoints with every problem", async () => {
    const res = await t.call("PUT", "/v1/webhook-endpoints/bad name", {
      body: { url: "file:///etc/passwd", secret: "short", headers: { "X-Overture-Signature": "forged" } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      "headers.X-Overture-Signature",
      "secret",
      "url",
    ]);
    expect((await t.call("PUT", "/v1/webhook-endpoints/bad%20name", { body: { url: receiver.url } })).status).toBe(400);
  });

  it("shows a 400 answer as a dead letter, requeues it, and the workflow answers back with an event", async () => {
    const secret = "whsec_0123456789abcdef";
    await t.call("PUT", "/v1/webhook-endpoints/provisioner", { body: { url: receiver.url, secret } });
    const journey = await t.call("POST", "/v1/journeys", { body: { name: "Provision", document: JOURNEY } });
    expect((await t.call("POST", `/v1/journeys/${journey.body.id}/publish`)).status).toBe(201);
    await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: { name: "order.paid", customerId: "acme", properties: { order: "o-1" } },
    });
    await t.overture.engine.runUntilIdle();

    receiver.statuses.push(400);
    await t.overture.dispatcher.runOnce();
    const dead = await t.call("GET", "/v1/outbox?status=dead&channel=webhook&customerId=acme");
    expect(dead.status).toBe(200);
    expect(dead.body.items).toHaveLength(1);
    const [letter] = dead.body.items;
    expect(letter).toMatchObject({
      stepId: "provision",
      status: "dead",
      attempts: 1,
      lastError: expect.stringContaining('answered 400: {"error":"bad payload"}'),
    });
    expect((await t.call("GET", "/v1/outbox?status=sent")).body.items).toEqual([]);

    const retried = await t.call("POST", `/v1/outbox/${letter.seq}/retry`);
    expect(retried.body).toMatchObject({ status: "pending", attempts: 0 });
    expect((await t.call("POST", `/v1/outbox/${letter.seq}/retry`)).body.error.code).toBe("invalid_state");
    expect((await t.call("POST", "/v1/outbox/99999/retry")).status).toBe(404);
    await t.overture.dispatcher.runOnce();
    expect((await t.call("GET", "/v1/outbox?status=sent")).body.items.map((i: { seq: number }) => i.seq)).toEqual([
      letter.seq,
    ]);
    // The deliveries screen (issue 15): a row's reason and outcome, its rounds, the journey filter; circuits still route.
    expect(letter).toMatchObject({ reason: "webhook_rejected", outcome: "dead" });
    const detail = await t.call("GET", `/v1/outbox/${letter.seq}`);
    expect(detail.body).toMatchObject({ seq: letter.seq, status: "sent", outcome: "sent", reason: null });
    expect(detail.body.rounds.map((r: { status: string }) => r.status)).toEqual(["dead", "sent"]);
    expect(detail.body.rounds[0].detail).toContain("answered 400");
    expect((await t.call("GET", "/v1/outbox/99999")).status).toBe(404);
    expect((await t.call("GET", `/v1/outbox?journeyId=${letter.journeyId}`)).body.items).toHaveLength(1);
    expect((await t.call("GET", "/v1/outbox?journeyId=other")).body.items).toEqual([]);
    expect((await t.call("GET", "/v1/outbox/circuits")).status).toBe(200);

    const call = receiver.received[1]!;
    expect(JSON.parse(call.body)).toEqual({ order: "o-1" });
    const timestamp = String(call.headers["x-overture-timestamp"]);
    expect(
      verifyWebhookSignature({
        secret,
        timestamp,
        body: call.body,
        signature: String(call.headers["x-overture-signature"]),
        now: t.clock.now(),
      }),
    ).toBe(true);

    // The internal workflow reports back through the events API; the journey was waiting for it.
    const answer = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: { name: "account.provisioned", customerId: "acme" },
    });
    expect(answer.body.accepted).toBe(1);
    await t.overture.engine.runUntilIdle();
    const history = await t.call("GET", "/v1/customers/acme");
    expect(JSON.stringify(history.body)).toContain("account.provisioned");
    expect((await t.overture.store.instancesOfCustomer(t.keys.workspaceId, "acme")).map((i) => i.status)).toEqual([
      "completed",
    ]);
  });

  // Issue 12, finding 10: headers (auth tokens) were listed in clear, endpoints could not be deleted, URL steps went unsigned.
  it("masks header values in answers, and keeps the stored value when a masked one is sent back", async () => {
    const token = "Bearer tok_live_0123456789";
    const created = await t.call("PUT", "/v1/webhook-endpoints/crm", {
      body: { url: receiver.url, headers: { Authorization: token } },
    });
    expect(created.body.headers).toEqual({ Authorization: "••••6789" });
    const list = await t.call("GET", "/v1/webhook-endpoints");
    expect(list.body.endpoints[0].headers).toEqual({ Authorization: "••••6789" });
    expect(JSON.stringify(list.body)).not.toContain("tok_live");
    await t.call("PUT", "/v1/webhook-endpoints/crm", {
      body: { url: receiver.url, headers: list.body.endpoints[0].headers },
    });
    const tested = await t.call("POST", "/v1/webhooks/test", { body: { endpoint: "crm" } });
    expect(tested.body.outcome, JSON.stringify(tested.body)).toBe("answered");
    expect(receiver.received.at(-1)!.headers.authorization).toBe(token);
  });

  it("deletes an endpoint: 404 when unknown, 409 naming the journey while an active journey calls it", async () => {
    await t.call("PUT", "/v1/webhook-endpoints/provisioner", { body: { url: receiver.url } });
    const journey = await t.call("POST", "/v1/journeys", { body: { name: "Provision", document: JOURNEY } });
    await t.call("POST", `/v1/journeys/${journey.body.id}/publish`);
    const refused = await t.call("DELETE", "/v1/webhook-endpoints/provisioner");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("endpoint_in_use");
    expect(refused.body.error.message).toContain("'Provision'");
    expect(refused.body.error.problems).toEqual([
      expect.objectContaining({ code: "endpoint_in_use", stepId: "provision" }),
    ]);
    expect((await t.call("DELETE", "/v1/webhook-endpoints/unknown")).status).toBe(404);
    expect((await t.call("DELETE", "/v1/webhook-endpoints/provisioner", { key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("POST", `/v1/journeys/${journey.body.id}/archive`)).status).toBeLessThan(300);
    const deleted = await t.call("DELETE", "/v1/webhook-endpoints/provisioner");
    expect(deleted).toMatchObject({ status: 200, body: { name: "provisioner", deleted: true } });
    expect((await t.call("GET", "/v1/webhook-endpoints")).body.endpoints).toEqual([]);
  });

  it("signs a test call to a URL with the workspace's signing secret, shown and rotated by the API", async () => {
    const shown = await t.call("GET", "/v1/webhook-signing-secret");
    expect(shown.body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect((await t.call("GET", "/v1/webhook-signing-secret", { key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("POST", "/v1/webhooks/test", { body: { endpoint: receiver.url } })).body.outcome).toBe(
      "answered",
    );
    const call = receiver.received.at(-1)!;
    const timestamp = String(call.headers["x-overture-timestamp"]);
    const signature = String(call.headers["x-overture-signature"]);
    expect(
      verifyWebhookSignature({
        secret: shown.body.secret,
        timestamp,
        body: call.body,
        signature,
        now: Number(timestamp),
      }),
    ).toBe(true);
    const rotated = await t.call("POST", "/v1/webhook-signing-secret/rotate");
    expect(rotated.body.secret).not.toBe(shown.body.secret);
    expect((await t.call("GET", "/v1/webhook-signing-secret")).body.secret).toBe(rotated.body.secret);
  });

  it("validates the outbox filters", async () => {
    const res = await t.call("GET", "/v1/outbox?status=lost&limit=0");
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(["limit", "status"]);
    expect((await t.call("GET", "/v1/outbox", { key: t.keys.writeKey })).status).toBe(403);
  });
});

describe("delivery policy API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("answers the defaults, saves a policy, and refuses a bad one with every problem", async () => {
    const defaults = await t.call("GET", "/v1/delivery-policy");
    expect(defaults.body).toMatchObject({
      quietHours: { start: "21:00", end: "08:00" },
      channels: { email: { cap: { max: 3, per: "7d" }, quietHours: true } },
    });
    const policy = {
      quietHours: { start: "22:00", end: "07:30", defaultTimezone: "Europe/Paris" },
      channels: { email: { cap: { max: 2, per: "1w" }, quietHours: true } },
    };
    expect((await t.call("PUT", "/v1/delivery-policy", { body: policy })).status).toBe(200);
    // The saved policy, and each channel it does not name with its defaults (a new channel must not skip its opt-in).
    const saved = (await t.call("GET", "/v1/delivery-policy")).body;
    expect(saved).toMatchObject(policy);
    expect(saved.channels.email).toEqual(policy.channels.email);
    expect(saved.channels.sms).toEqual({ cap: { max: 4, per: "7d" }, quietHours: true, optIn: true });
    const bad = await t.call("PUT", "/v1/delivery-policy", {
      body: {
        quietHours: { start: "9pm", end: "07:30", defaultTimezone: "Mars/Base" },
        channels: { email: { cap: { max: 2, per: "a week" } } },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path)).toEqual(["quietHours.start"]);
    const semantic = await t.call("PUT", "/v1/delivery-policy", {
      body: {
        quietHours: { start: "21:00", end: "07:30", defaultTimezone: "Mars/Base" },
        channels: { email: { cap: { max: 2, per: "a week" } } },
      },
    });
    expect(semantic.body.error.problems.map((p: { path: string }) => p.path)).toEqual([
      "quietHours.defaultTimezone",
      "channels.email.cap.per",
    ]);
  });
});
