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
});
