import type { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { isUnstarted } from "./unstarted.ts";

const trigger = (next: string | null) => ({
  id: "start",
  type: "trigger",
  trigger: { type: "event", event: "purchase.completed" },
  next,
});
const journey = (steps: unknown[]) => ({ schemaVersion: 1, name: "New", steps }) as unknown as JourneyDocument;

describe("isUnstarted", () => {
  it("is a journey as created: its trigger alone, leading nowhere", () => {
    expect(isUnstarted(journey([trigger(null)]))).toBe(true);
  });

  it("is not once the trigger leads somewhere or another step is there", () => {
    expect(isUnstarted(journey([trigger("done"), { id: "done", type: "exit" }]))).toBe(false);
    expect(isUnstarted(journey([trigger(null), { id: "done", type: "exit" }]))).toBe(false);
  });

  it("is not an empty document nor one without a trigger", () => {
    expect(isUnstarted(journey([]))).toBe(false);
    expect(isUnstarted(journey([{ id: "done", type: "exit" }]))).toBe(false);
  });
});
