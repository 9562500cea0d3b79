import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermanentError, TransientError } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DevSmsSink, startDevSmsSink } from "../src/sms/dev-sms-sink.ts";
import { sendTwilioSms, type TwilioAccount } from "../src/sms/twilio-client.ts";

let sink: DevSmsSink;
let account: TwilioAccount;
beforeEach(async () => {
  sink = await startDevSmsSink({ now: () => Date.UTC(2026, 0, 5, 9) });
  account = { accountSid: sink.accountSid, authToken: sink.authToken, from: "+15005550006", apiBase: sink.url };
});
afterEach(() => sink.close());

describe("the Twilio client against the dev SMS sink (real HTTP on loopback)", () => {
  it("posts the Messages API form with Basic auth and gets the message's sid, status and segments", async () => {
    const body = `Bonjour Zoé, 5 € ${"x".repeat(150)}`;
    const sent = await sendTwilioSms(account, { to: "+33612345678", body, key: "k1", workspaceId: "ws1" });
    expect(sent).toEqual({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: "queued", segments: 2 });
    expect(sink.messages()).toEqual([
      expect.objectContaining({
        sid: sent.sid,
        direction: "outbound",
        from: "+15005550006",
        to: "+33612345678",
        body,
        encoding: "GSM-7",
        segments: 2,
        workspaceId: "ws1",
        key: "k1",
      }),
    ]);
  });

  it("sends a Messaging Service SID as MessagingServiceSid", async () => {
    const service = `MG${"a".repeat(32)}`;
    await sendTwilioSms({ ...account, from: service }, { to: "+14155550100", body: "Hi", key: "k" });
    expect(sink.messages()[0]?.from).toBe(service);
  });

  it("does not send twice when a delivery is retried with the same key", async () => {
    const first = await sendTwilioSms(account, { to: "+14155550100", body: "Your code is 1234", key: "same" });
    const again = await sendTwilioSms(account, { to: "+14155550100", body: "Your code is 1234", key: "same" });
    expect(again.sid).toBe(first.sid);
    expect(sink.messages()).toHaveLength(1);
    await sendTwilioSms(account, { to: "+14155550100", body: "Your code is 1234", key: "other" });
    expect(sink.messages()).toHaveLength(2);
  });

  it("refuses for good a number not in E.164, with Twilio's code and message", async () => {
    const error = await sendTwilioSms(account, { to: "0612345678", body: "Hi", key: "k" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: "sms_rejected" });
    expect((error as Error).message).toContain(
      "400 (Twilio 21211): The 'To' number 0612345678 is not a valid phone number.",
    );
    expect(sink.messages()).toEqual([]);
  });

  it("refuses for good a wrong auth token (401, Twilio 20003)", async () => {
    const error = await sendTwilioSms(
      { ...account, authToken: "wrong-token" },
      { to: "+14155550100", body: "Hi", key: "k" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain("401 (Twilio 20003): Authenticate");
  });

  it("retries a 429 after its Retry-After and a 503, then sends once", async () => {
    sink.failNext(
      { status: 429, code: 20429, message: "Too Many Requests", retryAfter: "7" },
      { status: 503, message: "Service Unavailable" },
    );
    const sms = { to: "+14155550100", body: "Hi", key: "k-retry" };
    const first = await sendTwilioSms(account, sms).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(TransientError);
    expect(first).toMatchObject({ code: "sms_unavailable", retryAfterMs: 7_000 });
    expect((first as Error).message).toContain("429 (Twilio 20429): Too Many Requests");
    const second = await sendTwilioSms(account, sms).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TransientError);
    expect(second).toMatchObject({ retryAfterMs: undefined });
    await sendTwilioSms(account, sms);
    expect(sink.messages()).toHaveLength(1);
  });

  it("calls an address that does not answer transient", async () => {
    await sink.close();
    const error = await sendTwilioSms(account, { to: "+14155550100", body: "Hi", key: "k" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: "sms_unreachable" });
  });
});

describe("the dev SMS sink's file", () => {
  it("keeps messages, and the keys already sent, over a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-sms-"));
    try {
      const first = await startDevSmsSink({ dataDir: dir });
      const at = { accountSid: first.accountSid, authToken: first.authToken, from: first.from, apiBase: first.url };
      const sent = await sendTwilioSms(at, { to: "+14155550100", body: "Kept", key: "k-kept" });
      await first.close();
      const again = await startDevSmsSink({ dataDir: dir, account: at });
      try {
        expect(again.messages().map((m) => m.body)).toEqual(["Kept"]);
        const retried = await sendTwilioSms(
          { ...at, apiBase: again.url },
          { to: "+14155550100", body: "Kept", key: "k-kept" },
        );
        expect(retried.sid).toBe(sent.sid);
        expect(again.messages()).toHaveLength(1);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the dev SMS sink's pages", () => {
  it("lists phones and each phone's messages, escaping what customers' data put in them", async () => {
    await sendTwilioSms(account, { to: "+14155550100", body: "<script>alert(1)</script> & hi", key: "a" });
    await sendTwilioSms(account, { to: "+14155550199", body: "Second phone", key: "b" });
    const list = await (await fetch(`${sink.url}/sms`)).text();
    expect(list).toContain('href="/sms/%2B14155550100"');
    expect(list).toContain("+14155550199");
    expect(list).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; hi");
    expect(list).not.toContain("<script>alert");
    const thread = await sink.page!.handle(new Request("http://x/sms/%2B14155550100"));
    expect(thread.status).toBe(200);
    const text = await thread.text();
    expect(text).toContain("&lt;script&gt;");
    expect(text).not.toContain("Second phone");
    expect(text).toContain("1 segment · GSM-7");
    const json = (await (await fetch(`${sink.url}/sms/messages`)).json()) as { messages: Array<{ to: string }> };
    expect(json.messages.map((m) => m.to)).toEqual(["+14155550100", "+14155550199"]);
    expect((await sink.page!.handle(new Request("http://x/sms/%2B10000000"))).status).toBe(404);
  });
});
