import { describe, expect, it } from "vitest";
import { DAY, openTestRuntime, T0 } from "./helpers.ts";

const DOCUMENT = {
  schemaVersion: 1,
  name: "Dated",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "wait" },
    { id: "wait", type: "wait", wait: { type: "duration", duration: "3d" }, next: "done" },
    { id: "done", type: "exit" },
  ],
} as const;

/** Issue 15, defect 9: the demo clock (the engine's, moved ahead) must not leak into the dates people read. */
describe("journey dates", () => {
  it("dates a journey and its versions by the wall clock, while the engine keeps its own time", async () => {
    const WALL = Date.UTC(2026, 11, 4, 16, 55);
    const { overture, clock, ws, cleanup } = await openTestRuntime({ wallClock: { now: () => WALL } });
    try {
      clock.advance(40 * DAY);
      const journey = await overture.journeys.create(ws, { name: "Dated", document: DOCUMENT });
      expect([journey.createdAt, journey.updatedAt]).toEqual([WALL, WALL]);
      const version = await overture.journeys.publish(ws, journey.id);
      expect(version.publishedAt).toBe(WALL);
      expect((await overture.journeys.versions(ws, journey.id)).map((v) => v.publishedAt)).toEqual([WALL]);

      // Instances still run on the engine's clock: a customer enters at the (virtual) time of the engine.
      await overture.events.ingest(ws, [{ id: "e1", customerId: "ann", name: "purchase.completed" }]);
      await overture.engine.runUntilIdle();
      const history = await overture.customers.history(ws, "ann");
      expect(history.instances[0]?.enteredAt).toBe(T0 + 40 * DAY);
    } finally {
      await cleanup();
    }
  });
});
