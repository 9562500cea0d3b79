import { createECDH, createPrivateKey, sign } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import webPush from "web-push";
import { type DevPushService, startDevPushService } from "../src/push/dev-push-service.ts";
import { sendPushMessage } from "../src/push/push-send.ts";
import { parseAllowList } from "../src/webhook/address-policy.ts";

const loopback = parseAllowList("127.0.0.1");
const vapid = webPush.generateVAPIDKeys();
const subject = "mailto:ops@example.com";

/** web-push's request for one subscription, as push-send builds it, sent with fetch so a test can alter it. */
function request(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }, payload: string) {
  const details = webPush.generateRequestDetails(subscription, payload, {
    vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: 60,
  });
  const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
  return { headers, body: details.body };
}

const post = (url: string, headers: Record<string, string>, body: Buffer) =>
  fetch(url, { method: "POST", headers, body: new Uint8Array(body) });

/** The dev push service against web-push, over real HTTP on 127.0.0.1 (issue 17). */
describe("dev push service", () => {
  let service: DevPushService;
  beforeEach(async () => {
    service = await startDevPushService();
  });
  afterEach(() => service.close());

  it("decrypts what web-push encrypted (RFC 8291) and shows it on its page and as JSON", async () => {
    const made = await fetch(`${service.url}/subscriptions`, { method: "POST", body: "{}" });
    expect(made.status).toBe(201);
    const subscription = (await made.json()) as {
      id: string;
      endpoint: string;
      keys: { p256dh: string; auth: string };
    };
    expect(subscription.endpoint).toBe(`${service.url}/push/${subscription.id}`);
    const message = {
      title: "Your trial ends <soon>",
      body: "Ada, 3 days left: ünïcödé ✓",
      url: "https://app.example/billing",
    };
    const outcome = await sendPushMessage(subscription, message, {
      keys: vapid,
      subject,
      allow: loopback,
      now: Date.now(),
      topic: "trial-ends",
    });
    expect(outcome).toEqual({ type: "sent", location: expect.stringMatching(new RegExp(`^${service.url}/message/`)) });
    expect(service.messages(subscription.id)).toEqual([
      expect.objectContaining({ ...message, ttl: 86_400, urgency: "normal", topic: "trial-ends" }),
    ]);
    const listed = (await (await fetch(`${service.url}/push/messages`)).json()) as {
      messages: Array<{ title: string }>;
    };
    expect(listed.messages.map((m) => m.title)).toEqual([message.title]);
    const page = await (await fetch(`${service.url}/push`)).text();
    expect(page).toContain("Your trial ends &lt;soon&gt;");
    expect(page).toContain("https://app.example/billing");
    // The page as the Overture server mounts it, in web-standard Request and Response.
    const mounted = await service.page!.handle(new Request("http://127.0.0.1:3000/push"));
    expect(await mounted.text()).toContain("Ada, 3 days left");
  });

  it("decrypts a 3,000-character body (near the 4 kB a push service must accept)", async () => {
    const subscription = service.createSubscription();
    const body = "x".repeat(3000);
    await sendPushMessage(
      subscription,
      { title: "long", body },
      { keys: vapid, subject, allow: loopback, now: Date.now() },
    );
    expect(service.messages(subscription.id)[0]?.body).toBe(body);
  });

  it("refuses a bad VAPID JWT with 401: missing, signed by another key than k, for another origin", async () => {
    const subscription = service.createSubscription();
    const good = request(subscription, '{"title":"t","body":"b"}');
    const { Authorization: _auth, ...unsigned } = good.headers;
    const missing = await post(subscription.endpoint, unsigned, good.body);
    expect(missing.status).toBe(401);

    // The JWT signed by one key, presented with another key's k.
    const other = webPush.generateVAPIDKeys();
    const forged = good.headers.Authorization!.replace(/k=[A-Za-z0-9_-]+/, `k=${other.publicKey}`);
    const refused = await post(subscription.endpoint, { ...good.headers, Authorization: forged }, good.body);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/signature/);

    const elsewhere = webPush.getVapidHeaders(
      "https://push.example.com",
      subject,
      vapid.publicKey,
      vapid.privateKey,
      "aes128gcm",
    );
    const wrongAud = await post(
      subscription.endpoint,
      { ...good.headers, Authorization: elsewhere.Authorization },
      good.body,
    );
    expect(wrongAud.status).toBe(401);
    expect(((await wrongAud.json()) as { error: { message: string } }).error.message).toMatch(/aud/);
    expect(service.messages()).toEqual([]);
  });

  it("refuses an expired JWT (401) and a key other than the subscription's applicationServerKey (403)", async () => {
    const restricted = service.createSubscription({ applicationServerKey: webPush.generateVAPIDKeys().publicKey });
    const forbidden = await sendPushMessage(
      restricted,
      { title: "t", body: "b" },
      { keys: vapid, subject, allow: loopback, now: Date.now() },
    ).catch((error: unknown) => error);
    expect(forbidden).toMatchObject({
      name: "PermanentError",
      code: "push_refused",
      message: expect.stringMatching(/403/),
    });

    const subscription = service.createSubscription();
    const good = request(subscription, '{"title":"t","body":"b"}');
    const expired = expiredVapid(service.url);
    const answer = await post(subscription.endpoint, { ...good.headers, Authorization: expired }, good.body);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
  });

  it("answers 410 for an unknown or unsubscribed endpoint, and 400 for a body encrypted for another subscription", async () => {
    const subscription = service.createSubscription();
    const other = service.createSubscription();
    const message = { title: "t", body: "b" };
    const options = { keys: vapid, subject, allow: loopback, now: Date.now() };
    const forOther = request(other, JSON.stringify(message));
    const misdirected = await post(subscription.endpoint, forOther.headers, forOther.body);
    expect(misdirected.status).toBe(400);
    expect(service.deleteSubscription(subscription.id)).toBe(true);
    expect(await sendPushMessage(subscription, message, options)).toEqual({ type: "gone", status: 410 });
    const unknown = { ...subscription, endpoint: `${service.url}/push/nobody` };
    expect(await sendPushMessage(unknown, message, options)).toEqual({ type: "gone", status: 410 });
  });

  it("does not call a push service on a private address unless PUSH_ALLOW lists it", async () => {
    const subscription = service.createSubscription();
    const options = { keys: vapid, subject, allow: parseAllowList(""), now: Date.now() };
    await expect(sendPushMessage(subscription, { title: "t", body: "b" }, options)).rejects.toMatchObject({
      name: "PermanentError",
      code: "destination_not_allowed",
      message: expect.stringMatching(/PUSH_ALLOW/),
    });
    const byName = { ...subscription, endpoint: subscription.endpoint.replace("127.0.0.1", "localhost") };
    await expect(sendPushMessage(byName, { title: "t", body: "b" }, options)).rejects.toMatchObject({
      code: "destination_not_allowed",
    });
    expect(service.messages()).toEqual([]);
  });

  it("keeps subscriptions and messages in its file across restarts", async () => {
    const file = `/tmp/overture-push-${process.pid}-${Date.now()}.json`;
    const first = await startDevPushService({ file });
    const subscription = first.createSubscription();
    await sendPushMessage(
      subscription,
      { title: "one", body: "b" },
      { keys: vapid, subject, allow: loopback, now: Date.now() },
    );
    await first.close();
    const again = await startDevPushService({ file });
    try {
      const moved = { ...subscription, endpoint: `${again.url}/push/${subscription.id}` };
      await sendPushMessage(
        moved,
        { title: "two", body: "b" },
        { keys: vapid, subject, allow: loopback, now: Date.now() },
      );
      expect(again.messages(subscription.id).map((m) => m.title)).toEqual(["one", "two"]);
    } finally {
      await again.close();
    }
  });
});

/** A VAPID header for `origin` that expired a minute ago, signed correctly (web-push refuses to make one). */
function expiredVapid(origin: string): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${b64({ typ: "JWT", alg: "ES256" })}.${b64({ aud: origin, exp: Math.floor(Date.now() / 1000) - 60, sub: subject })}`;
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(vapid.privateKey, "base64url"));
  const pub = ecdh.getPublicKey();
  const key = {
    kty: "EC",
    crv: "P-256",
    d: vapid.privateKey,
    x: pub.subarray(1, 33).toString("base64url"),
    y: pub.subarray(33).toString("base64url"),
  };
  const signature = sign("sha256", Buffer.from(unsigned), {
    key: createPrivateKey({ key, format: "jwk" }),
    dsaEncoding: "ieee-p1363",
  });
  return `vapid t=${unsigned}.${signature.toString("base64url")}, k=${vapid.publicKey}`;
}
