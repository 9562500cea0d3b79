import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ChannelsSetup, createMailbox, setUpChannels } from "@overture/channels";
import { createSecretBox, OffsetClock, type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.ts";
import { hostName, isAllowedHost } from "./demo-guard.ts";

const PORTAL = {
  "index.html": { body: "<!doctype html><title>portal</title>", contentType: "text/html; charset=utf-8" },
};

describe("which Host names the demo surface answers", () => {
  it("takes loopback names, IP addresses and OVERTURE_PUBLIC_URL's host; refuses any other name", () => {
    expect(hostName("LocalHost:3000")).toBe("localhost");
    expect(hostName("[::1]:3000")).toBe("[::1]");
    for (const host of [
      "localhost",
      "localhost:3000",
      "app.localhost:3000",
      "127.0.0.1:3000",
      "192.168.1.20:3000",
      "[::1]:3000",
    ])
      expect(isAllowedHost(host), host).toBe(true);
    for (const host of [
      "attacker.example",
      "attacker.example:3000",
      "localhost.attacker.example",
      "127.0.0.1.nip.io",
      "",
      undefined,
    ])
      expect(isAllowedHost(host), String(host)).toBe(false);
    expect(isAllowedHost("demo.example.com", "https://demo.example.com")).toBe(true);
    expect(isAllowedHost("other.example.com", "https://demo.example.com")).toBe(false);
  });
});

/** Issue 12, finding 5: DNS rebinding cannot read the demo surface, and a cross-site form cannot move the clock. */
describe("the demo surface refuses foreign hosts and cross-site writes", () => {
  let dataDir: string;
  let overture: Overture;
  let clock: OffsetClock;
  let app: ReturnType<typeof createApp>;
  const mailbox = createMailbox();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-demo-guard-"));
    clock = new OffsetClock(new VirtualClock(Date.UTC(2025, 0, 6, 9)));
    overture = await openOverture({ dataDir, clock, durability: "normal" });
    const { workspaceId } = await overture.workspaces.ensureDefault();
    const editor = { distDir: dataDir, localApiKey: "ovt_sk_test" };
    app = createApp(overture, { demo: { portal: PORTAL, clock }, mailbox: { mailbox, workspaceId }, editor });
  });
  afterAll(async () => {
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const code = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

  it("answers 403 host_not_allowed to a rebinding name on every demo route, the mailbox and /editor-config", async () => {
    for (const path of [
      "/demo/customers",
      "/demo/library",
      "/demo/clock",
      "/mailbox",
      "/mailbox/x",
      "/editor-config",
    ]) {
      const response = await app.request(`http://attacker.example:3000${path}`);
      expect(response.status, path).toBe(403);
      expect(await code(response)).toBe("host_not_allowed");
    }
    expect((await app.request("http://localhost:3000/demo/customers")).status).toBe(200);
    expect((await app.request("http://127.0.0.1:3000/mailbox")).status).toBe(200);
  });

  it("refuses a text/plain or form body (415 json_required) and a foreign Origin (403 cross_site_request) on demo writes", async () => {
    const before = clock.offsetMs;
    const post = (path: string, headers: Record<string, string>, body = '{"ms":86400000}') =>
      app.request(`http://localhost:3000${path}`, { method: "POST", headers, body });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await post("/demo/clock/advance", { "content-type": type });
      expect(response.status, type).toBe(415);
      expect(await code(response)).toBe("json_required");
    }
    const noType = await post("/demo/session", {}, '{"customerId":"ada"}');
    expect(noType.status).toBe(415);
    const foreign: Array<Record<string, string>> = [
      { origin: "https://attacker.example" },
      { origin: "null" },
      { origin: "http://localhost:4000" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of foreign) {
      const response = await post("/demo/clock/advance", { "content-type": "application/json", ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await code(response)).toBe("cross_site_request");
    }
    const session = await post(
      "/demo/session",
      { "content-type": "application/json", origin: "https://attacker.example" },
      '{"customerId":"ada"}',
    );
    expect(session.status).toBe(403);
    expect(clock.offsetMs).toBe(before);

    const own = await post("/demo/clock/advance", {
      "content-type": "application/json; charset=utf-8",
      origin: "http://localhost:3000",
    });
    expect(own.status).toBe(200);
    expect(clock.offsetMs).toBe(before + 86_400_000);
  });

  it("shows only the demo workspace's mail on the keyless mailbox pages", async () => {
    const message = (workspaceId: string, subject: string) => ({
      id: `m-${workspaceId}`,
      receivedAt: 0,
      from: "a@x.example",
      to: ["b@x.example"],
      subject,
      messageId: null,
      overtureKey: null,
      workspaceId,
      headers: [],
      html: "<p>hi</p>",
      text: "hi",
      size: 10,
    });
    mailbox.add(message("default", "For the demo"));
    mailbox.add(message("another-workspace", "Someone else's"));
    const list = await (await app.request("http://localhost/mailbox")).text();
    expect(list).toContain("For the demo");
    expect(list).not.toContain("Someone else");
    const other = mailbox.list({ workspaceId: "another-workspace" })[0]!;
    expect((await app.request(`http://localhost/mailbox/${other.id}`)).status).toBe(404);
    expect((await app.request(`http://localhost/mailbox/${other.id}/html`)).status).toBe(404);
  });
});

/** Issue 17: the dev SMS inbox and the dev push service's page hold customers' messages; the mailbox's guard covers them. */
describe("the dev sink pages refuse foreign hosts and cross-site forms", () => {
  let dataDir: string;
  let overture: Overture;
  let channels: ChannelsSetup;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-demo-guard-sinks-"));
    overture = await openOverture({ dataDir, durability: "normal" });
    channels = await setUpChannels(overture, {
      secrets: createSecretBox("a-test-server-secret-of-enough-length-0123456789"),
      env: {},
      publicUrl: () => "http://127.0.0.1:1",
      dataDir,
      demo: true,
    });
    app = createApp(overture, { channels });
  });
  afterAll(async () => {
    await channels.close();
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers 403 host_not_allowed on /sms and /push under a rebinding name, and the pages on localhost", async () => {
    const pages = channels.sinks.flatMap((s) => (s.page ? [s.page.path] : []));
    expect(pages).toEqual(expect.arrayContaining(["/sms", "/push"]));
    for (const path of ["/sms", "/sms/messages", "/sms/+15551234567", "/push", "/push/messages"]) {
      const response = await app.request(`http://attacker.example:3000${path}`);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("host_not_allowed");
    }
    expect((await app.request("http://localhost:3000/sms")).status).toBe(200);
    expect((await app.request("http://127.0.0.1:3000/sms/messages")).status).toBe(200);
    expect((await app.request("http://localhost:3000/push/messages")).status).toBe(200);
  });

  it("refuses a reply form posted from another site (it would text STOP as the customer)", async () => {
    const response = await app.request("http://localhost:3000/sms/%2B15551234567/reply", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://attacker.example" },
      body: "Body=STOP",
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    // From the page itself the request goes through to the sink (which knows no such phone: 404, not 403).
    const own = await app.request("http://localhost:3000/sms/%2B15551234567/reply", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" },
      body: "Body=STOP",
    });
    expect(own.status).toBe(404);
  });
});
