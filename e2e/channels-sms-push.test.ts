import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReceivedPush } from "../packages/channels/src/push/dev-push-page.ts";
import type { SinkMessage } from "../packages/channels/src/sms/dev-sms-api.ts";
import { type RunningServe, startServe } from "../packages/cli/src/commands/serve.ts";

/** A journey of both new channels: a purchase, a text with the customer's name and product, a web push, the end. */
const JOURNEY = {
  schemaVersion: 1,
  name: "Purchase follow-up by text and push",
  settings: { reentry: "always" },
  steps: [
    {
      id: "purchase",
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
      next: "text",
    },
    {
      id: "text",
      type: "sms",
      body: "Hi {{ customer.firstName }}, your {{ trigger.properties.product }} is on its way.",
      next: "push",
    },
    {
      id: "push",
      type: "push",
      title: "Thanks {{ customer.firstName }}!",
      body: "Your {{ trigger.properties.product }} ships today.",
      next: "done",
    },
    { id: "done", type: "exit" },
  ],
};

/**
 * An IANA zone where it is now midday, so that the SMS and push quiet hours (21:00–08:00 in the customer's zone) do
 * not hold the test's messages whatever hour CI runs at. (Etc/GMT-N is N hours east of UTC.)
 */
function middayZone(now = Date.now()): string {
  const offset = 12 - new Date(now).getUTCHours();
  return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** Polls `read` until it gives a value (bounded), else fails naming what it waited for. */
async function eventually<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Issue 17, "SMS and push end to end in CI": the server `npm start` runs (demo mode, its dev SMS provider and dev
 * push service), driven only through its HTTP surface as an operator, a portal and a customer's phone would.
 */
describe("SMS and web push end to end through the product", () => {
  let dataDir: string;
  let running: RunningServe;
  let pushServiceUrl: string;

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${running.keys.secretKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const smsMessages = async () =>
    ((await (await fetch(`${running.url}/sms/messages`)).json()) as { messages: SinkMessage[] }).messages;
  const pushMessages = async () =>
    ((await (await fetch(`${running.url}/push/messages`)).json()) as { messages: ReceivedPush[] }).messages;
  type OutboxItem = { channel: string; customerId: string; status: string; reason: string | null; lastError: string };
  const outbox = async (query: string) => (await api("GET", `/v1/outbox?${query}`)).body.items as OutboxItem[];
  const purchase = async (id: string, customerId: string, product: string) => {
    const sent = await api(
      "POST",
      "/v1/events",
      { id, name: "purchase.completed", customerId, properties: { product } },
      { authorization: `Bearer ${running.keys.writeKey}` },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-sms-push-e2e-"));
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true, log: () => {} });
    // The banner tells the operator where the development push provider listens (browsers subscribe there).
    const line = running.banner.find((l) => l.includes("development push provider"));
    pushServiceUrl = /provider at (http:\/\/127\.0\.0\.1:\d+)/.exec(line ?? "")?.[1] ?? "";
    expect(pushServiceUrl, running.banner.join("\n")).not.toBe("");

    const created = await api("POST", "/v1/journeys", { name: JOURNEY.name, document: JOURNEY });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await api("POST", `/v1/journeys/${created.body.id as string}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("texts the rendered body to the customer's phone and pushes the rendered title to their browser", async () => {
    const zone = middayZone();
    const ada = await api("PUT", "/v1/customers/ada", {
      attributes: { firstName: "Ada", phone: "+15550100001", timezone: zone, consent: { sms: true } },
    });
    expect(ada.status, JSON.stringify(ada.body)).toBe(200);

    // Ada's browser subscribes at the push service (what PushManager.subscribe does), then the portal stores it.
    const token = await api("GET", "/v1/portal/token?customerId=ada");
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    const portal = {
      authorization: `Bearer ${running.keys.writeKey}`,
      "x-customer-id": "ada",
      "x-customer-token": token.body.token as string,
    };
    const key = await api("GET", "/v1/channels/push/public-key", undefined, portal);
    expect(key.status, JSON.stringify(key.body)).toBe(200);
    const browser = (await (
      await fetch(`${pushServiceUrl}/subscriptions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ applicationServerKey: key.body.publicKey }),
      })
    ).json()) as { id: string; endpoint: string; keys: { p256dh: string; auth: string } };
    expect(browser.endpoint).toBe(`${pushServiceUrl}/push/${browser.id}`);
    const subscribed = await api(
      "POST",
      "/v1/channels/push/subscriptions",
      { endpoint: browser.endpoint, expirationTime: null, keys: browser.keys },
      portal,
    );
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    expect(subscribed.body).toMatchObject({ endpoint: browser.endpoint, customerId: "ada" });

    await purchase("buy-ada-1", "ada", "Walnut desk");

    const text = await eventually("Ada's SMS in the dev SMS provider", async () =>
      (await smsMessages()).find((m) => m.to === "+15550100001" && m.direction === "outbound"),
    );
    expect(text.body).toBe("Hi Ada, your Walnut desk is on its way.");
    expect(text).toMatchObject({ segments: 1, encoding: "GSM-7", workspaceId: running.keys.workspaceId });
    expect(text.key).toMatch(/:text:/);

    const push = await eventually("Ada's push at the dev push service", async () =>
      (await pushMessages()).find((m) => m.subscriptionId === browser.id),
    );
    expect(push.title).toBe("Thanks Ada!");
    expect(push.body).toBe("Your Walnut desk ships today.");
    expect(JSON.parse(push.raw)).toMatchObject({ title: "Thanks Ada!" });

    // The outbox says sent for both (the demo's onboarding journey also starts on a purchase: its rows are left out).
    const sent = await eventually("both outbox rows sent", async () => {
      const rows = (await outbox("customerId=ada&status=sent")).filter((r) => ["sms", "push"].includes(r.channel));
      return rows.length === 2 ? rows : undefined;
    });
    expect(sent.map((r) => r.channel).sort()).toEqual(["push", "sms"]);

    // The inbox pages show it as a person would read it.
    const page = await (await fetch(`${running.url}/sms/${encodeURIComponent("+15550100001")}`)).text();
    expect(page).toContain("Hi Ada, your Walnut desk is on its way.");
    expect(await (await fetch(`${running.url}/push`)).text()).toContain("Thanks Ada!");
  }, 60_000);

  it("skips the text of a customer who never agreed to SMS, naming consent in the outbox", async () => {
    const zone = middayZone();
    const grace = await api("PUT", "/v1/customers/grace", {
      attributes: { firstName: "Grace", phone: "+15550100002", timezone: zone },
    });
    expect(grace.status).toBe(200);
    await purchase("buy-grace-1", "grace", "Lamp");

    const skipped = await eventually(
      "Grace's SMS skipped",
      async () => (await outbox("status=skipped&channel=sms&customerId=grace"))[0],
    );
    expect(skipped.reason).toBe("no_consent");
    expect(skipped.lastError).toMatch(/consent\.sms/);
    expect((await smsMessages()).some((m) => m.to === "+15550100002")).toBe(false);
  }, 60_000);

  it("a STOP reply from the phone withdraws SMS consent: the next text is skipped", async () => {
    // Reply from the dev SMS inbox page's form, as the person holding the phone would (a same-site form post).
    const reply = await fetch(`${running.url}/sms/${encodeURIComponent("+15550100001")}/reply`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: running.url },
      body: "Body=STOP",
      redirect: "manual",
    });
    expect(reply.status, await reply.clone().text()).toBe(303);
    const stored = await eventually("Ada's consent.sms false", async () => {
      const profile = await api("GET", "/v1/customers/ada");
      const attributes = (profile.body.customer as { attributes: { consent?: { sms?: boolean } } }).attributes;
      return attributes.consent?.sms === false ? attributes : undefined;
    });
    expect(stored.consent).toMatchObject({ sms: false });
    expect((await smsMessages()).some((m) => m.direction === "inbound" && m.body === "STOP")).toBe(true);

    const textsBefore = (await smsMessages()).filter((m) => m.to === "+15550100001").length;
    await purchase("buy-ada-2", "ada", "Oak chair");
    const skipped = await eventually(
      "Ada's second SMS skipped",
      async () => (await outbox("status=skipped&channel=sms&customerId=ada"))[0],
    );
    expect(skipped.reason).toBe("no_consent");
    expect(skipped.lastError).toMatch(/consent\.sms/);
    // The push of the same journey still goes: STOP is about texts only.
    await eventually("Ada's second push", async () =>
      (await pushMessages()).find((m) => m.body === "Your Oak chair ships today."),
    );
    expect((await smsMessages()).filter((m) => m.to === "+15550100001" && m.direction === "outbound")).toHaveLength(
      textsBefore,
    );
  }, 60_000);
});
