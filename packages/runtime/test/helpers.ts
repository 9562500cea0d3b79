import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JourneyDocumentInput } from "@overture/core";
import { VirtualClock } from "../src/clock/clock.ts";
import { type Overture, type OvertureOptions, openOverture } from "../src/overture.ts";

/** 2026-01-05T09:00:00Z, a Monday: tests start here on the virtual clock. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const DAY = 86_400_000;

/** A runtime on a fresh SQLite file (or `databaseUrl`), with a virtual clock at T0 and a workspace. */
export async function openTestRuntime(
  options: OvertureOptions = {},
): Promise<{ overture: Overture; clock: VirtualClock; ws: string; cleanup(): Promise<void> }> {
  // A real SQLite file, on a memory file system where there is one: tests measure behaviour, not the disk.
  const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "overture-test-"));
  const clock = new VirtualClock(T0);
  const overture = await openOverture({ dataDir: dir, clock, durability: "normal", ...options });
  const { workspaceId } = await overture.workspaces.create("Test");
  return {
    overture,
    clock,
    ws: workspaceId,
    async cleanup() {
      await overture.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates and publishes a journey from a document. */
export async function publish(
  overture: Overture,
  ws: string,
  document: JourneyDocumentInput & { id?: string },
): Promise<string> {
  const journey = await overture.journeys.create(ws, { name: document.name, document });
  await overture.journeys.publish(ws, journey.id);
  return journey.id;
}

/** The channel actions written for a customer, as "stepId@day" strings relative to T0. */
export async function actionsOf(overture: Overture, ws: string, customerId: string): Promise<string[]> {
  const rows = await overture.store.outboxOf(ws, { customerId });
  return rows.map((r) => `${r.stepId}@${(r.createdAt - T0) / DAY}`);
}
