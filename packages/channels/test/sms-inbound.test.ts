import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InputError } from "@overture/runtime";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DevSmsSink, startDevSmsSink } from "../src/sms/dev-sms-sink.ts";
import { receiveSms } from "../src/sms/sms-routes.ts";
import { smsSettingsStore } from "../src/sms/sms-settings.ts";
import { sendTwilioSms } from "../src/sms/twilio-client.ts";
import { twilioSignature } from "../src/sms/twilio-signature.ts";
import { openSmsRuntime, type SmsRuntime } from "./sms-harness.ts";
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

describe("a reply typed on the dev sink's page", () => {
  beforeEach(() => open());
  afterEach(() => rt.cleanup());
  let sink: DevSmsSink;
  let server: Server;
  afterEach(async () => {
    await sink.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("reaches the inbound route signed with the sink's account and withdraws consent", async () => {
    // A workspace without settings uses the sink's account under npm start: its replies are signed with it.
    const ws = (await rt.overture.workspaces.create("Demo")).workspaceId;
    await rt.overture.customers.upsert(ws, { id: "d1", attributes: { phone: "+14155550123", consent: { sms: true } } });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
        const workspaceId = decodeURIComponent(String(req.url).split("/").pop()!);
        try {
          const answer = await receiveSms({
            deps: rt.deps,
            workspaceId,
            body: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString())),
            params: { workspaceId },
            query: {},
            headers: new Headers({ "x-twilio-signature": String(req.headers["x-twilio-signature"] ?? "") }),
            url,
          });
          res.writeHead(answer.status, { "content-type": "text/xml" });
          res.end(await answer.text());
        } catch (error) {
          res.writeHead(error instanceof InputError && error.code === "forbidden" ? 403 : 500);
          res.end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sink = await startDevSmsSink({ inboundUrl: (id) => `${base}/v1/channels/sms/inbound/${encodeURIComponent(id)}` });
    rt.devSinks.set("sms", sink);
    const account = { accountSid: sink.accountSid, authToken: sink.authToken, from: sink.from, apiBase: sink.url };
    await sendTwilioSms(account, { to: "+14155550123", body: "Your trial ends soon", key: "k", workspaceId: ws });

    const page = await (await fetch(`${sink.url}/sms/%2B14155550123`)).text();
    expect(page).toContain('action="/sms/%2B14155550123/reply"');
    const reply = await fetch(`${sink.url}/sms/%2B14155550123/reply`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Body=STOP",
      redirect: "manual",
    });
    expect(reply.status).toBe(303);
    expect((await rt.overture.store.getCustomer(ws, "d1"))?.attributes.consent).toEqual({ sms: false });
    expect(sink.messages().map((m) => [m.direction, m.body])).toEqual([
      ["outbound", "Your trial ends soon"],
      ["inbound", "STOP"],
    ]);
  });
});
