import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exitOf, runOverture, startOverture, waitForOutput } from "./run-overture.ts";

describe("overture serve", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-cli-serve-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  async function start(...flags: string[]) {
    const child = startOverture(["serve", "--port", "0", "--data", dataDir, ...flags]);
    const out = await waitForOutput(child, /Press Ctrl-C to stop/);
    const url = /API\s+(http:\/\/\S+)\/v1/.exec(out)?.[1];
    const secretKey = /Secret key (\S+)/.exec(out)?.[1];
    const writeKey = /Write key\s+(\S+)/.exec(out)?.[1];
    if (!url || !secretKey || !writeKey) throw new Error(`unexpected output: ${out}`);
    return { child, out, url, secretKey, writeKey };
  }

  it("serves the API with the onboarding journey as a draft, and stops cleanly on Ctrl-C", async () => {
    const first = await start();
    expect(first.out).toContain('Loaded "Customer onboarding" as a draft');
    expect(first.out).toContain(`SQLite in ${dataDir}`);
    expect(await (await fetch(`${first.url}/health`)).json()).toMatchObject({ ok: true });
    // Production by default (issue 12, finding 5): no demo routes.
    expect(first.out).not.toContain("DEMO MODE");
    expect((await fetch(`${first.url}/demo/customers`)).status).toBe(404);
    const auth = { authorization: `Bearer ${first.secretKey}` };
    const list = (await (await fetch(`${first.url}/v1/journeys`, { headers: auth })).json()) as {
      journeys: Array<{ id: string; name: string; status: string; currentVersion: number | null }>;
    };
    expect(list.journeys).toMatchObject([{ name: "Customer onboarding", status: "draft", currentVersion: null }]);
    // Production sends nothing until the operator publishes the example.
    const published = await fetch(`${first.url}/v1/journeys/${list.journeys[0]?.id}/publish`, {
      method: "POST",
      headers: auth,
    });
    expect(published.status).toBe(201);
    const sent = await fetch(`${first.url}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${first.writeKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: "p1",
        name: "purchase.completed",
        customerId: "c1",
        attributes: { firstName: "Ada" },
      }),
    });
    expect(sent.status).toBe(200);
    first.child.kill("SIGINT");
    expect(await exitOf(first.child)).toBe(0);

    // Restarted on the same folder in demo mode: same keys, the journey is not loaded twice, and the engine ran the event.
    const second = await start("--demo");
    expect(second.secretKey).toBe(first.secretKey);
    expect(second.out).toContain("DEMO MODE");
    expect(second.out).toMatch(/not for real customers/);
    expect((await fetch(`${second.url}/demo/customers`)).status).toBe(200);
    expect(second.out).not.toContain("Loaded and published");
    const history = (await (
      await fetch(`${second.url}/v1/customers/c1`, { headers: { authorization: `Bearer ${second.secretKey}` } })
    ).json()) as {
      instances: unknown[];
    };
    expect(history.instances).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect(await exitOf(second.child)).toBe(0);
  });

  it("exits 2 for --demo with --no-demo", async () => {
    const r = await runOverture(["serve", "--demo", "--no-demo"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--demo and --no-demo");
  });

  it("exits 2 for a bad port", async () => {
    const r = await runOverture(["serve", "--port", "http"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--port");
  });
});
