import { describe, expect, it } from "vitest";
import type { OvertureApi } from "../src/route.ts";
import { draftProblems } from "../src/routes/journey-validation.ts";

const draft = {
  schemaVersion: 1,
  name: "Lapsed buyers",
  settings: { exitCriteria: [{ leavesSegment: "vip" }] },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "segment", segmentId: "lapsed", on: "enter" }, next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** The API as the segment catalog extends it (issue 14): only `segments.list` is read by validation. */
const withSegments = (ids: string[]) =>
  ({ segments: { list: async () => ids.map((id) => ({ id, name: `Segment ${id}` })) } }) as unknown as OvertureApi;

describe("journey validation knows the workspace's segments (issue 14)", () => {
  it("reports a segment the workspace does not have on the step or exit criterion naming it", async () => {
    const problems = await draftProblems(withSegments(["vip"]), "w1", draft);
    expect(problems.map((p) => [p.code, p.path, p.stepId])).toEqual([
      ["unknown-segment", "steps[0].trigger.segmentId", "start"],
    ]);
    const none = await draftProblems(withSegments([]), "w1", draft);
    expect(none.map((p) => p.path)).toEqual(["settings.exitCriteria[0].leavesSegment", "steps[0].trigger.segmentId"]);
  });

  it("checks no segment when the API runs without segments", async () => {
    expect(await draftProblems({} as OvertureApi, "w1", draft)).toEqual([]);
  });
});
