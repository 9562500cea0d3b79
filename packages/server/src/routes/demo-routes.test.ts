import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setUpPortal, useSecretBox } from "@overture/channels";
import { createSecretBox, OffsetClock, type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../create-app.ts";
import { DEMO_CUSTOMERS } from "./demo-routes.ts";

const DAY = 86_400_000;
const PORTAL = {
  "index.html": { body: "<!doctype html><title>portal</title>", contentType: "text/html; charset=utf-8" },
  "portal.js": { body: "console.log('portal')", contentType: "text/javascript; charset=utf-8" },
};

describe("demo mode routes", () => {
  let dataDir: string;
  let overture: Overture;
  let clock: OffsetClock;
  let app: ReturnType<typeof createApp>;
  const json = async (path: string, init: RequestInit = {}) => {
    const response = await app.request(path, {
      ...init,
      headers: { "content-type": "application/json", ...init.headers },
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-demo-routes-"));
    clock = new OffsetClock(new VirtualClock(Date.UTC(2025, 0, 6, 9)));
    overture = await openOverture({ dataDir, clock, durability: "normal" });
    // Identity secrets are sealed at rest (issue 12): the box `serve` sets up from OVERTURE_SECRET.
    useSecretBox(overture.store, createSecretBox("demo routes test secret"));
    app = createApp(overture, { demo: { portal: PORTAL, clock } });
  });
  afterAll(async () => {
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the portal's files at /portal, the page for any other path, and 404 for a missing file", async () => {
    const page = await app.request("/portal/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<title>portal</title>");
    expect(await (await app.request("/portal/library")).text()).toContain("<title>portal</title>");
    const script = await app.request("/portal/portal.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await app.request("/portal/nope.js")).status).toBe(404);
    expect((await app.request("/portal")).status).toBe(302);
  });

  it("signs in a demo customer: saves the profile and gives a token the portal routes accept", async () => {
    expect((await json("/demo/customers")).body.customers).toEqual(DEMO_CUSTOMERS);
    const session = await json("/demo/session", { method: "POST", body: JSON.stringify({ customerId: "grace" }) });
    expect(session.status).toBe(200);
    const keys = await overture.workspaces.ensureDefault();
    expect(session.body).toMatchObject({
      customerId: "grace",
      writeKey: keys.writeKey,
      customer: { firstName: "Grace" },
    });
    // Grace gave a mobile number and opted in to SMS: the onboarding journey's SMS reminder branch takes her.
    expect((await overture.customers.get(keys.workspaceId, "grace"))?.attributes).toMatchObject({
      firstName: "Grace",
      email: "grace@cobol.example",
      phone: "+15555550123",
      consent: { sms: true },
    });
    const inbox = await json("/v1/portal/notifications", {
      headers: {
        authorization: `Bearer ${keys.writeKey}`,
        "x-customer-id": "grace",
        "x-customer-token": session.body.token,
      },
    });
    expect(inbox).toEqual({ status: 200, body: { notifications: [], unread: 0 } });
    const wrong = await json("/v1/portal/notifications", {
      headers: {
        authorization: `Bearer ${keys.writeKey}`,
        "x-customer-id": "ada",
        "x-customer-token": session.body.token,
      },
    });
    expect(wrong.body.error.code).toBe("invalid_customer_token");
  });

  it("refuses an unknown demo customer and a bad body", async () => {
    const unknown = await json("/demo/session", { method: "POST", body: JSON.stringify({ customerId: "mallory" }) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await json("/demo/session", { method: "POST", body: "{}" })).body.error.code).toBe("invalid_input");
  });

  it("moves the clock forward, never back", async () => {
    const before = (await json("/demo/clock")).body;
    expect(before).toEqual({ now: Date.UTC(2025, 0, 6, 9), offsetMs: 0 });
    const after = await json("/demo/clock/advance", { method: "POST", body: JSON.stringify({ ms: DAY }) });
    expect(after.body).toEqual({ now: Date.UTC(2025, 0, 7, 9), offsetMs: DAY });
    expect(overture.clock.now()).toBe(Date.UTC(2025, 0, 7, 9));
    for (const ms of [-1, 0, 1.5, 400 * DAY, "1d"]) {
      const refused = await json("/demo/clock/advance", { method: "POST", body: JSON.stringify({ ms }) });
      expect(refused.status).toBe(400);
    }
    expect(clock.offsetMs).toBe(DAY);
  });

  it("lists the content library for the portal", async () => {
    const keys = await overture.workspaces.ensureDefault();
    const item = {
      id: "first-steps",
      title: "Your first steps",
      summary: "Five minutes.",
      url: "/first-steps",
      type: "guide",
      topics: ["getting-started"],
    };
    await setUpPortal(overture, keys.workspaceId, { items: [item], slots: [] });
    const library = await json("/demo/library");
    expect(library.status).toBe(200);
    expect(library.body.items).toEqual([expect.objectContaining(item)]);
  });

  it("does not exist outside demo mode", async () => {
    const plain = createApp(overture);
    expect((await plain.request("/demo/customers")).status).toBe(404);
    expect(
      (await plain.request("/demo/clock/advance", { method: "POST", body: JSON.stringify({ ms: DAY }) })).status,
    ).toBe(404);
    expect((await plain.request("/portal/")).status).toBe(404);
  });
});
