import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { ONBOARDING_JOURNEY } from "@overture/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WorkerLoop } from "./worker-loop.ts";

const T0 = Date.UTC(2030, 0, 7, 10);

describe("WorkerLoop", () => {
  let dir: string;
  let overture: Overture;
  let workspaceId: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "overture-loop-"));
    overture = await openOverture({ dataDir: dir, durability: "normal", clock: new VirtualClock(T0) });
    ({ workspaceId } = await overture.workspaces.create("Loop"));
    const journey = await overture.journeys.create(workspaceId, { name: "Onboarding", document: ONBOARDING_JOURNEY });
    await overture.journeys.publish(workspaceId, journey.id);
  });
  afterEach(async () => {
    await overture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const purchases = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `buy-${from + i}`,
      name: "purchase.completed",
      customerId: `c${from + i}`,
    }));

  async function until(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it("runs the engine and the dispatcher until idle, counting what each pass did", async () => {
    await overture.events.ingest(workspaceId, purchases(0, 20));
    const loop = new WorkerLoop(overture.engine, overture.dispatcher, { pollMs: 5 });
    loop.start();
    // Each purchase: welcome email, portal notification, dashboard slot; then a wait of a day.
    await until(() => loop.stats.outbox === 60);
    await loop.stop();
    expect(loop.stats).toMatchObject({ events: 20, timers: 0, outbox: 60, errors: 0 });
    expect(loop.stats.steps).toBeGreaterThanOrEqual(80);
    expect((await overture.store.outboxOf(workspaceId, { status: "sent", limit: 100 })).length).toBe(60);
  });

  it("stops at once when idle, however long its poll, and takes no work after stop()", async () => {
    const loop = new WorkerLoop(overture.engine, overture.dispatcher, { pollMs: 60_000 });
    loop.start();
    await until(() => loop.stats.passes > 0);
    const asked = Date.now();
    await loop.stop();
    expect(Date.now() - asked).toBeLessThan(1_000);
    await overture.events.ingest(workspaceId, purchases(100, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loop.stats.events).toBe(0);
    expect(await overture.store.pendingEventCount()).toBe(5);
  });
});
