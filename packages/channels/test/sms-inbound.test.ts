import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "@overture/runtime";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DevSink } from "../src/channel-module.ts";
import { withDeliveryPolicy } from "../src/policy/delivery-policy.ts";
import { smsModule } from "../src/sms/sms-module.ts";
import { receiveSms } from "../src/sms/sms-routes.ts";
import { smsSettingsStore } from "../src/sms/sms-settings.ts";
import { twilioSignature } from "../src/sms/twilio-signature.ts";
import { openSmsRuntime, publishSmsStep, type SmsRuntime, smsDelivery } from "./sms-harness.ts";
import { storeTargets } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("SMS keywords");
afterAll(dropAll);

const SID = `AC${"1".repeat(32)}`;
const TOKEN = "twilio-auth-token-0123456789";

let rt: SmsRuntime;
async function open(databaseUrl?: string) {
  rt = await openSmsRuntime({ databaseUrl });
  await smsSettingsStore(rt.deps.store, rt.deps.secrets).put(
    rt.ws,
    { accountSid: SID, authToken: TOKEN, from: "+15005550006" },
    rt.clock.now(),
  );
  await rt.overture.customers.upsert(rt.ws, {
    id: "c1",
    attributes: { phone: "+14155550100", consent: { email: true, sms: true } },
  });
}

/** Twilio's webhook as it arrives: a form, signed with `token` over the URL and the sorted fields. */
function inbound(fields: Record<string, string>, token = TOKEN) {
  const url = `https://overture.example.com/v1/channels/sms/inbound/${rt.ws}`;
  const params = {
    AccountSid: SID,
    MessageSid: `SM${Math.random().toString(16).slice(2)}`,
    To: "+15005550006",
    ...fields,
  };
  return receiveSms({
    deps: rt.deps,
    workspaceId: rt.ws,
    body: params,
    params: { workspaceId: rt.ws },
    query: {},
    headers: new Headers({ "x-twilio-signature": twilioSignature(token, url, params) }),
    url,
  });
}

const consentOf = async (id = "c1") => (await rt.overture.store.getCustomer(rt.ws, id))?.attributes.consent;

for (const target of targets) {
  describe.skipIf(target.skip)(`inbound SMS keywords on ${target.name}`, () => {
    beforeEach(async () => open(target.url ? await target.url() : undefined));
    afterEach(() => rt.cleanup());

    it("STOP withdraws SMS consent and keeps email's; START gives it back; each is an event", async () => {
      const answer = await inbound({ From: "+14155550100", Body: " stop " });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toContain("text/xml");
      expect(await answer.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      expect(await consentOf()).toEqual({ email: true, sms: false });
      await inbound({ From: "+14155550100", Body: "Unstop" });
      expect(await consentOf()).toEqual({ email: true, sms: true });
      for (const word of ["STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]) {
        await inbound({ From: "+14155550100", Body: word });
        expect(await consentOf(), word).toEqual({ email: true, sms: false });
        await inbound({ From: "+14155550100", Body: "YES" });
        expect(await consentOf()).toEqual({ email: true, sms: true });
      }
      const events = await rt.overture.store.recentEvents(rt.ws, "c1", 20);
      expect(events.filter((e) => e.name === "sms.opted_out")).toHaveLength(6);
      expect(events.filter((e) => e.name === "sms.opted_in")).toHaveLength(6);
    });

    it("keeps consent for an ordinary reply, and ignores a phone no customer has (200)", async () => {
      await inbound({ From: "+14155550100", Body: "stop sending me these please" });
      expect(await consentOf()).toEqual({ email: true, sms: true });
      const unknown = await inbound({ From: "+14155550999", Body: "STOP" });
      expect(unknown.status).toBe(200);
      expect(await consentOf()).toEqual({ email: true, sms: true });
    });

    it("answers for the phone: every profile sharing it stops, and a flat consent.sms follows", async () => {
      await rt.overture.customers.upsert(rt.ws, {
        id: "c2",
        attributes: { phone: "+14155550100", "consent.sms": true },
      });
      await rt.overture.customers.upsert(rt.ws, {
        id: "c3",
        attributes: { phone: "+14155550199", consent: { sms: true } },
      });
      await inbound({ From: "+14155550100", Body: "STOP" });
      expect(await consentOf("c1")).toEqual({ email: true, sms: false });
      const c2 = (await rt.overture.store.getCustomer(rt.ws, "c2"))?.attributes;
      expect(c2).toMatchObject({ consent: { sms: false }, "consent.sms": false });
      expect(await consentOf("c3")).toEqual({ sms: true });
    });

    it("records a STOP the provider retries (same MessageSid) once", async () => {
      const url = `https://overture.example.com/v1/channels/sms/inbound/${rt.ws}`;
      const params = {
        AccountSid: SID,
        MessageSid: "SMretried",
        From: "+14155550100",
        To: "+15005550006",
        Body: "STOP",
      };
      const call = () =>
        receiveSms({
          deps: rt.deps,
          workspaceId: rt.ws,
          body: params,
          params: { workspaceId: rt.ws },
          query: {},
          headers: new Headers({ "x-twilio-signature": twilioSignature(TOKEN, url, params) }),
          url,
        });
      await call();
      await call();
      const events = await rt.overture.store.recentEvents(rt.ws, "c1", 10);
      expect(events.filter((e) => e.name === "sms.opted_out")).toHaveLength(1);
    });

    it("refuses (403) a request not signed with the workspace's auth token", async () => {
      const error = await inbound({ From: "+14155550100", Body: "STOP" }, "someone-elses-token").catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: "forbidden", problems: [{ path: "headers.x-twilio-signature" }] });
      expect(await consentOf()).toEqual({ email: true, sms: true });
    });

    it("refuses (403) a workspace without an SMS account", async () => {
      const other = await rt.overture.workspaces.create("Other");
      const url = `https://overture.example.com/v1/channels/sms/inbound/${other.workspaceId}`;
      const params = { From: "+14155550100", Body: "STOP" };
      const error = await receiveSms({
        deps: rt.deps,
        workspaceId: other.workspaceId,
        body: params,
        params: { workspaceId: other.workspaceId },
        query: {},
        headers: new Headers({ "x-twilio-signature": twilioSignature(TOKEN, url, params) }),
        url,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "forbidden" });
    });
  });
}

describe("the module under npm start: dev sink, handler, reply STOP on the sink's page, inbound route", () => {
  let sink: DevSink;
  let server: Server;
  let dataDir: string;
  beforeEach(async () => {
    await open();
    dataDir = mkdtempSync(join(tmpdir(), "overture-sms-"));
  });
  afterEach(async () => {
    await sink.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rt.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends with the sink's account for a workspace without settings, and the sink's STOP withdraws consent", async () => {
    const route = smsModule.routes!.find((r) => r.operationId === "receiveSms")!;
    // The API server, reduced to this route: the form's fields as strings, the route's Response sent as it is.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const url = `${base()}${req.url}`;
        const workspaceId = decodeURIComponent(String(req.url).split("/").pop()!);
        try {
          const answer = (await route.handle({
            deps,
            workspaceId,
            body: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString())),
            params: { workspaceId },
            query: {},
            headers: new Headers({ "x-twilio-signature": String(req.headers["x-twilio-signature"] ?? "") }),
            url,
          })) as Response;
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(await answer.text());
        } catch (error) {
          res.writeHead(error instanceof InputError && error.code === "forbidden" ? 403 : 500);
          res.end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const deps = { ...rt.deps, publicUrl: base, dataDir };
    sink = await smsModule.devSink!(deps);
    rt.devSinks.set("sms", sink);
    const ws = (await rt.overture.workspaces.create("Demo")).workspaceId;
    const demo = { ...rt, ws };
    await publishSmsStep(demo, "Your trial ends soon");
    await rt.overture.customers.upsert(ws, { id: "d1", attributes: { phone: "+14155550123", consent: { sms: true } } });
    const handler = withDeliveryPolicy((await smsModule.handler!(deps))!, {
      store: rt.overture.store,
      clock: rt.clock,
      policy: { quietHours: null, channels: { sms: smsModule.policy } },
    });
    await handler.deliver(smsDelivery(demo, "d1"));

    const page = await sink.page!.handle(new Request("http://api/sms/%2B14155550123"));
    expect(await page.text()).toContain('action="/sms/%2B14155550123/reply"');
    const reply = await sink.page!.handle(
      new Request("http://api/sms/%2B14155550123/reply", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "Body=STOP",
      }),
    );
    expect(reply.status).toBe(303);
    expect((await rt.overture.store.getCustomer(ws, "d1"))?.attributes.consent).toEqual({ sms: false });
    const inbox = (await (await sink.page!.handle(new Request("http://api/sms/messages"))).json()) as {
      messages: Array<{ direction: string; body: string }>;
    };
    expect(inbox.messages.map((m) => [m.direction, m.body])).toEqual([
      ["outbound", "Your trial ends soon"],
      ["inbound", "STOP"],
    ]);
    expect(existsSync(join(dataDir, "sms-inbox.json"))).toBe(true);
    // The next SMS of the journey is skipped: the customer said STOP.
    const next = await handler.deliver({ ...smsDelivery(demo, "d1"), key: "next" });
    expect(next).toMatchObject({ status: "skipped", code: "no_consent" });
  });

  it("shows why on the page when the inbound route refuses a reply", async () => {
    server = createServer((_req, res) => {
      res.writeHead(403);
      res.end("forbidden");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    sink = await smsModule.devSink!({ ...rt.deps, publicUrl: () => `http://127.0.0.1:${port}`, dataDir });
    rt.devSinks.set("sms", sink);
    const handler = (await smsModule.handler!(rt.deps))!;
    // A workspace without settings: it sends with the sink's account, so its replies are signed with it.
    const ws = (await rt.overture.workspaces.create("Demo")).workspaceId;
    await publishSmsStep({ ...rt, ws }, "Hello");
    await rt.overture.customers.upsert(ws, { id: "d1", attributes: { phone: "+14155550123" } });
    await handler.deliver(smsDelivery({ ...rt, ws }, "d1"));
    const reply = await sink.page!.handle(
      new Request("http://api/sms/%2B14155550123/reply", { method: "POST", body: "Body=START" }),
    );
    expect(reply.status).toBe(502);
    expect(await reply.text()).toContain("the inbound route answered 403: forbidden");
  });
});
