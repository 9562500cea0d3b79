import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

/**
 * Issue 12 follow-up: production does not run the demo journey. `overture serve` loads the example "Customer
 * onboarding" journey into an empty workspace as a draft (to start from in the editor, sending nothing); only a demo
 * start publishes it. Before, every start published it, and real customers got its emails on `purchase.completed`.
 */
describe("the onboarding journey on a fresh data folder", () => {
  let dataDir: string;
  let running: RunningServe | undefined;
  beforeAll(() => {
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("OVERTURE_DEMO", "");
  });
  afterAll(() => vi.unstubAllEnvs());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-serve-onboarding-"));
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is a draft in production: no active journey, a purchase starts nothing, and the banner says so", async () => {
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: false });
    const { overture, keys } = running;
    const journeys = await overture.journeys.list(keys.workspaceId);
    expect(journeys.map((j) => [j.name, j.status, j.currentVersion])).toEqual([["Customer onboarding", "draft", null]]);
    expect(running.banner.join("\n")).toMatch(
      /Loaded "Customer onboarding" as a draft .*sends nothing until you publish it/,
    );
    expect(running.banner.join("\n")).not.toContain("published");
    expect(await overture.segments.list(keys.workspaceId)).toEqual([]);

    const sent = await fetch(`${running.url}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.writeKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: "p1",
        name: "purchase.completed",
        customerId: "c1",
        attributes: { email: "ada@example.com" },
      }),
    });
    expect(sent.status).toBe(200);
    const deadline = Date.now() + 20_000;
    while ((await overture.store.pendingEventCount()) > 0) {
      if (Date.now() > deadline) throw new Error("the engine did not match the event");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await overture.store.instancesOfCustomer(keys.workspaceId, "c1")).toEqual([]);
    expect(await overture.store.outboxOf(keys.workspaceId, { customerId: "c1" })).toEqual([]);
  });

  it("is published in demo mode", async () => {
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true });
    const journeys = await running.overture.journeys.list(running.keys.workspaceId);
    expect(journeys.map((j) => [j.name, j.status, j.currentVersion])).toEqual([["Customer onboarding", "active", 1]]);
    expect(running.banner.join("\n")).toContain('Loaded and published "Customer onboarding"');
  });

  it("creates the north-star segment once in demo mode: a restart does not bring it back once deleted (issue 14)", async () => {
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true });
    const ws = running.keys.workspaceId;
    const [segment] = await running.overture.segments.listSegments(ws);
    expect(segment).toMatchObject({ id: "no-portal-week-after-purchase", kind: "dynamic" });
    await running.overture.segments.delete(ws, "no-portal-week-after-purchase");
    await running.close();
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true });
    expect(await running.overture.segments.listSegments(running.keys.workspaceId)).toEqual([]);
  });

  it("texts Grace (phone and SMS consent) on day 10 of the demo into the dev SMS inbox, and not Ada (issue 17)", async () => {
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true });
    const { url, keys, overture } = running;
    const post = (path: string, body: unknown, key?: string) =>
      fetch(`${url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      });
    // Signing in saves the demo profile (Grace's has a phone and consent.sms); the purchase starts the journey.
    for (const customerId of ["grace", "ada"]) {
      expect((await post("/demo/session", { customerId })).status).toBe(200);
      const bought = await post(
        "/v1/events",
        { id: `buy-${customerId}`, name: "purchase.completed", customerId },
        keys.writeKey,
      );
      expect(bought.status).toBe(200);
    }
    const steps = async (customerId: string) =>
      (await overture.store.outboxOf(keys.workspaceId, { customerId })).map((r) => r.stepId);
    const advance = async (ms: number, step: string) => {
      expect((await post("/demo/clock/advance", { ms })).status).toBe(200);
      // Each wait counts from when the engine ran the step before it, so the demo moves on one wait at a time.
      for (const customerId of ["grace", "ada"]) await until(async () => (await steps(customerId)).includes(step));
    };
    await until(async () => (await steps("grace")).includes("welcome-email"));
    await advance(DAY, "getting-started");
    await advance(2 * DAY, "tips");
    // Seven days on, at noon UTC (outside quiet hours, were they on for the demo, whenever the test runs): the
    // engagement wait timed out, so the first follow-up goes out to both, and the SMS reminder to Grace alone.
    const later = overture.clock.now() + 7 * DAY;
    await advance(7 * DAY + ((((12 * HOUR - (later % DAY)) % DAY) + DAY) % DAY), "follow-up-1");
    const messages = async () =>
      ((await (await fetch(`${url}/sms/messages`)).json()) as { messages: Array<{ to: string; body: string }> })
        .messages;
    await until(async () => (await messages()).length > 0);
    expect(await messages()).toEqual([
      expect.objectContaining({
        to: "+15555550123",
        body: "Hi Grace, your portal is waiting: orders, guides and support in one place. Reply STOP to opt out.",
      }),
    ]);
    expect(await steps("grace")).toContain("sms-reminder");
    expect(await steps("ada")).not.toContain("sms-reminder");
  });
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Polls `check` until it holds (the engine and the dispatcher run on their own ticks); fails after 20 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
