import { describeExitCriteria, describeStep, type Step } from "@overture/core";
import { describe, expect, it } from "vitest";
import { catalogNames } from "./catalog-options.ts";
import { segmentIdFor, segmentNaming, segmentOptions, segmentText } from "./segment-options.ts";
import { newTrigger, triggerChoice } from "./trigger-choice.ts";

const segments = [
  { id: "seg_1", name: "Purchased, no portal visit within a week", size: 12 },
  { id: "seg_2", name: "VIP", size: 1 },
];

describe("segment picker", () => {
  it("offers names with sizes, and shows a stored id as its name (the id itself once the segment is gone)", () => {
    expect(segmentOptions(segments)).toEqual([
      { value: "Purchased, no portal visit within a week", hint: "12 customers" },
      { value: "VIP", hint: "1 customer" },
    ]);
    expect(segmentText(segments, "seg_2")).toBe("VIP");
    expect(segmentText(segments, "deleted")).toBe("deleted");
  });

  it("stores the id of the segment typed or picked by name; nothing while the text names none", () => {
    expect(segmentIdFor(segments, " vip ")).toBe("seg_2");
    expect(segmentIdFor(segments, "seg_1")).toBe("seg_1");
    expect(segmentIdFor(segments, "Purch")).toBeNull();
    expect(segmentIdFor(segments, "")).toBeNull();
  });

  it("names segments, not ids, in step summaries and exit criteria", () => {
    const trigger = {
      id: "t",
      type: "trigger",
      trigger: { type: "segment", segmentId: "seg_1", on: "enter" },
      next: null,
    };
    const names = catalogNames(
      {
        events: [],
        attributes: [],
        topics: [],
        content: [],
        slots: [],
        webhookEndpoints: [],
        emailTemplates: [],
        sampled: { events: 0, customers: 0 },
      },
      segments,
    );
    expect(describeStep(trigger as Step, names)).toBe(
      "Starts when a customer enters segment 'Purchased, no portal visit within a week'",
    );
    expect(describeExitCriteria([{ leavesSegment: "seg_2" }], segmentNaming(segments))).toBe(
      "Leaves the journey on leaving segment 'VIP'",
    );
  });
});

describe("trigger choices", () => {
  it("enters and leaves are two choices of one segment trigger; switching keeps the segment", () => {
    const enters = newTrigger("segment-enter", { type: "event", event: "x" });
    expect(enters).toEqual({ type: "segment", segmentId: "", on: "enter" });
    const picked = { type: "segment" as const, segmentId: "seg_2", on: "enter" as const };
    expect(triggerChoice(picked)).toBe("segment-enter");
    expect(newTrigger("segment-leave", picked)).toEqual({ type: "segment", segmentId: "seg_2", on: "leave" });
    expect(newTrigger("schedule", picked)).toEqual({ type: "schedule", every: "1d", audience: { segmentId: "seg_2" } });
    expect(newTrigger("schedule", { type: "api" }, "seg_1")).toMatchObject({ audience: "all-customers" });
    expect(newTrigger("segment-leave", { type: "api" }, "seg_1")).toEqual({
      type: "segment",
      segmentId: "seg_1",
      on: "leave",
    });
    expect(triggerChoice({ type: "api" })).toBe("api");
  });
});
