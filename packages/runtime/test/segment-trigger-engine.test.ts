import type { JourneyDocumentInput } from "@overture/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actionsOf, openTestRuntime, publish } from "./helpers.ts";

const email = (id: string, next: string) => ({
  id,
  type: "email" as const,
  subject: id,
  body: "<mjml><mj-body></mj-body></mjml>",
  next,
});

/** Starts when a customer enters segment "lapsed"; leaves when they leave it (core SPEC S1, S3, C3). */
const winBack: JourneyDocumentInput & { id: string } = {
  id: "win-back",
  schemaVersion: 1,
  name: "Win back",
  settings: { reentry: "always", exitCriteria: [{ leavesSegment: "lapsed" }] },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "segment", segmentId: "lapsed", on: "enter" }, next: "hello" },
    email("hello", "pause"),
    { id: "pause", type: "wait", wait: { type: "duration", duration: "3d" }, next: "again" },
    email("again", "done"),
    { id: "done", type: "exit" },
  ],
};

describe("segment triggers in the engine (issue 14)", () => {
  let t: Awaited<ReturnType<typeof openTestRuntime>>;
  beforeEach(async () => {
    t = await openTestRuntime();
    await publish(t.overture, t.ws, winBack);
  });
  afterEach(() => t.cleanup());

  const send = (customerId: string, name: string, segmentId: string) =>
    t.overture.events.ingest(t.ws, [{ name, customerId, at: t.clock.now(), properties: { segmentId } }]);

  it("C3/S1: $segment.entered of its segment starts the journey; another segment's does not", async () => {
    await send("c1", "$segment.entered", "lapsed");
    await send("c2", "$segment.entered", "vip");
    await send("c3", "$segment.left", "lapsed");
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["hello@0"]);
    expect(await actionsOf(t.overture, t.ws, "c2")).toEqual([]);
    expect(await actionsOf(t.overture, t.ws, "c3")).toEqual([]);
  });

  it("S3: leaving the segment ends the instance", async () => {
    await send("c1", "$segment.entered", "lapsed");
    await t.overture.engine.runUntilIdle();
    await send("c1", "$segment.left", "lapsed");
    await t.overture.engine.runUntilIdle();
    const [instance] = await t.overture.store.instancesOfCustomer(t.ws, "c1");
    expect(instance?.status).toBe("exited");
  });
});
