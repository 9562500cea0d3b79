import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

/** A receiver on loopback answering 201 with a small JSON body. */
async function startReceiver() {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(201, { "content-type": "application/json" });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe("POST /v1/notifications/preview", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(async () => t.close());

  it("renders for a sample customer, with placeholders for attributes only real customers have", async () => {
    const { status, body } = await t.call("POST", "/v1/notifications/preview", {
      body: {
        title: "Welcome, {{ customer.firstName }}",
        body: "Your {{ customer.plan }} plan is ready.",
        link: "/start?c={{ customer.id }}",
      },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      title: "Welcome, Alex",
      body: "Your [plan] plan is ready.",
      link: "/start?c=sample-customer",
      customerId: "sample-customer",
      problems: [],
    });
  });

  it("renders for a customer of the workspace, reports a field that does not render, and 404s an unknown customer", async () => {
    await t.call("POST", "/v1/events", {
      body: { name: "signup", customerId: "ada", attributes: { firstName: "Ada" } },
    });
    const ok = await t.call("POST", "/v1/notifications/preview", {
      body: { title: "Hi {{ customer.firstName }}", customerId: "ada" },
    });
    expect(ok.body).toMatchObject({ title: "Hi Ada", body: "", link: null, customerId: "ada", problems: [] });
    const missing = await t.call("POST", "/v1/notifications/preview", {
      body: { title: "Your {{ customer.plan }}", customerId: "ada" },
    });
    expect(missing.status).toBe(200);
    expect(missing.body.problems).toEqual([
      { field: "title", code: "missing-variable", message: expect.stringContaining("plan") },
    ]);
    const unknown = await t.call("POST", "/v1/notifications/preview", { body: { title: "x", customerId: "nobody" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await t.call("POST", "/v1/notifications/preview", { body: { body: "no title" } })).status).toBe(400);
  });
});

describe("POST /v1/webhooks/test", () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const saved = process.env.OVERTURE_WEBHOOK_ALLOW;
  beforeEach(async () => {
    t = await openTestApp();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    process.env.OVERTURE_WEBHOOK_ALLOW = saved;
    if (saved === undefined) delete process.env.OVERTURE_WEBHOOK_ALLOW;
    await receiver.close();
    await t.close();
  });

  it("sends the rendered, signed payload to an allowed endpoint and shows the answer", async () => {
    process.env.OVERTURE_WEBHOOK_ALLOW = "127.0.0.1";
    const endpoint = await t.call("PUT", "/v1/webhook-endpoints/crm", {
      body: { url: receiver.url, secret: "0123456789abcdef0123" },
    });
    expect(endpoint.status).toBe(200);
    const { status, body } = await t.call("POST", "/v1/webhooks/test", {
      body: { endpoint: "crm", payload: '{"name": {{ customer.firstName | json }}}' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      outcome: "answered",
      url: receiver.url,
      payload: '{"name": "Alex"}',
      status: 201,
      body: '{"received":true}',
    });
    expect(receiver.received).toHaveLength(1);
    const call = receiver.received[0]!;
    expect(call.body).toBe('{"name": "Alex"}');
    expect(call.headers["x-overture-test"]).toBe("1");
    const signed = verifyWebhookSignature({
      secret: "0123456789abcdef0123",
      timestamp: String(call.headers["x-overture-timestamp"]),
      body: call.body,
      signature: String(call.headers["x-overture-signature"]),
    });
    expect(signed).toBe(true);
  });

  it("refuses a loopback address that is not allowed, as real sends do, without calling it", async () => {
    delete process.env.OVERTURE_WEBHOOK_ALLOW;
    const { status, body } = await t.call("POST", "/v1/webhooks/test", { body: { endpoint: receiver.url } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: "failed", code: "destination_not_allowed" });
    expect(body.message).toContain("OVERTURE_WEBHOOK_ALLOW");
    expect(receiver.received).toHaveLength(0);
  });

  it("reports a payload that does not render to JSON, and 404s an unknown endpoint name", async () => {
    process.env.OVERTURE_WEBHOOK_ALLOW = "127.0.0.1";
    const dry = await t.call("POST", "/v1/webhooks/test", {
      body: { endpoint: receiver.url, payload: '{"id": {{ customer.id | json }}}', dryRun: true },
    });
    expect(dry.body).toEqual({ outcome: "rendered", url: receiver.url, payload: '{"id": "sample-customer"}' });
    const bad = await t.call("POST", "/v1/webhooks/test", {
      body: { endpoint: receiver.url, payload: '{"name": {{ customer.firstName }}}' },
    });
    expect(bad.body).toMatchObject({ outcome: "failed", code: "webhook_payload_invalid" });
    expect(receiver.received).toHaveLength(0);
    const unknown = await t.call("POST", "/v1/webhooks/test", { body: { endpoint: "nope" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.problems[0].path).toBe("endpoint");
  });
});
