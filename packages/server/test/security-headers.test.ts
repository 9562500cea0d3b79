import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEmailService,
  createEmailTracking,
  createMailbox,
  unconfiguredSender,
  unsubscribeUrl,
} from "@overture/channels";
import { OffsetClock, type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/index.ts";
import { API_CSP, PAGE_CSP } from "../src/security-headers.ts";

const SECRET = "security-headers-test-secret";
const PORTAL = {
  "index.html": { body: "<!doctype html><title>portal</title>", contentType: "text/html; charset=utf-8" },
  "portal.js": { body: "console.log('portal')", contentType: "text/javascript; charset=utf-8" },
};

/** Issue 12, finding 11: every page and every API answer carries the browser-facing security headers. */
describe("security headers on every kind of answer", () => {
  let dir: string;
  let overture: Overture;
  let keys: WorkspaceKeys;
  let app: ReturnType<typeof createApp>;
  const mailbox = createMailbox();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "overture-security-headers-"));
    await mkdir(join(dir, "dist", "assets"), { recursive: true });
    await writeFile(join(dir, "dist", "index.html"), "<!doctype html><title>editor</title>");
    await writeFile(join(dir, "dist", "assets", "app-1.js"), "console.log(1)");
    const clock = new OffsetClock(new VirtualClock(Date.UTC(2026, 0, 5, 9)));
    overture = await openOverture({ dataDir: dir, clock, durability: "normal" });
    keys = await overture.workspaces.ensureDefault();
    const options = {
      from: "hello@overture.test",
      baseUrl: "http://localhost",
      customers: overture.customers,
      sender: unconfiguredSender(),
    };
    app = createApp(overture, {
      demo: { portal: PORTAL, clock },
      editor: { distDir: join(dir, "dist") },
      email: { service: createEmailService(options), tracking: createEmailTracking(SECRET, overture) },
      mailbox: { mailbox, workspaceId: keys.workspaceId },
    });
    mailbox.add({
      id: "m1",
      receivedAt: 0,
      from: "a@x.example",
      to: ["b@x.example"],
      subject: "Hello",
      messageId: null,
      overtureKey: null,
      workspaceId: keys.workspaceId,
      headers: [],
      html: "<p>hi</p>",
      text: "hi",
      size: 9,
    });
  });
  afterAll(async () => {
    await overture.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://localhost${path}`, { headers, redirect: "manual" });
  const unsubscribe = () =>
    new URL(
      unsubscribeUrl("http://localhost", SECRET, {
        workspaceId: keys.workspaceId,
        customerId: "c1",
        journeyId: "j",
        stepId: "s",
        key: "k",
      }),
    ).pathname;

  function expectCommon(response: Response, what: string) {
    expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
    expect(response.headers.get("referrer-policy"), what).toBe("no-referrer");
    expect(response.headers.get("cross-origin-opener-policy"), what).toBe("same-origin");
    expect(response.headers.get("permissions-policy"), what).toContain("camera=()");
  }

  it("gives every HTML page the page policy: own scripts only, never framed", async () => {
    const pages = ["/", "/portal/", "/portal/library", "/mailbox", "/mailbox/m1", unsubscribe(), "/u/not-a-token"];
    for (const path of pages) {
      const response = await get(path);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
      expect(response.headers.get("content-security-policy"), path).toBe(PAGE_CSP);
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expectCommon(response, path);
    }
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
  });

  it("lets the mailbox frame an email's HTML from its own origin only, sandboxed", async () => {
    const response = await get("/mailbox/m1/html");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^sandbox /);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expectCommon(response, "mailbox html");
  });

  it("gives every other answer the API policy: JSON, errors, 404s, redirects, scripts and images", async () => {
    const answers: Array<[string, Response]> = [
      ["health", await get("/health")],
      ["openapi", await get("/v1/openapi.json")],
      ["journeys", await get("/v1/journeys", { authorization: `Bearer ${keys.secretKey}` })],
      ["401", await get("/v1/journeys")],
      ["404", await get("/nowhere")],
      ["editor-config", await get("/editor-config")],
      ["demo", await get("/demo/customers")],
      ["asset", await get("/assets/app-1.js")],
      ["portal script", await get("/portal/portal.js")],
      ["redirect", await get("/portal")],
      ["pixel", await get("/o/not-a-token.gif")],
      [
        "refused demo write",
        await app.request("http://localhost/demo/clock/advance", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "{}",
        }),
      ],
    ];
    for (const [what, response] of answers) {
      expect(response.headers.get("content-security-policy"), what).toBe(API_CSP);
      expect(response.headers.get("x-frame-options"), what).toBe("DENY");
      expectCommon(response, what);
    }
  });
});
