import { describe, expect, it } from "vitest";
import { STAT_BUCKET_MS, stepStats } from "./step-stats.ts";
import type { HistoryRow } from "./store.ts";

const HOUR = STAT_BUCKET_MS;

function row(
  journeyId: string,
  version: number,
  stepId: string,
  outcome: string,
  at: number,
  workspaceId = "w1",
  kind: "step" | "goal" = "step",
): HistoryRow {
  return {
    workspaceId,
    instanceId: `${journeyId}:c:1`,
    journeyId,
    version,
    customerId: "c",
    at,
    steps: [{ stepId, kind, outcome, reason: "", at }],
  };
}

describe("stepStats", () => {
  it("counts transitions per journey, version, step, kind, outcome and hour, whatever order they come in", () => {
    const stats = stepStats([
      row("j1", 1, "a", "next", 10 * HOUR),
      row("j1", 1, "a", "next", 10 * HOUR + 5),
      row("j2", 1, "a", "next", 10 * HOUR),
      row("j1", 1, "a", "next", 10 * HOUR + 7),
      row("j1", 1, "a", "timeout", 10 * HOUR),
      row("j1", 2, "a", "next", 10 * HOUR),
      row("j1", 1, "a", "next", 11 * HOUR),
      row("j1", 1, "b", "next", 10 * HOUR),
      row("j1", 1, "a", "next", 10 * HOUR, "w2"),
      row("j1", 1, "a", "next", 10 * HOUR + 9, "w1", "goal"),
    ]);
    const counted = stats.map((s) => `${s.w} ${s.j} v${s.v} ${s.st} ${s.k} ${s.o} h${s.h}: ${s.n}`).sort();
    expect(counted).toEqual([
      "w1 j1 v1 a goal next h10: 1",
      "w1 j1 v1 a step next h10: 3",
      "w1 j1 v1 a step next h11: 1",
      "w1 j1 v1 a step timeout h10: 1",
      "w1 j1 v1 b step next h10: 1",
      "w1 j1 v2 a step next h10: 1",
      "w1 j2 v1 a step next h10: 1",
      "w2 j1 v1 a step next h10: 1",
    ]);
  });

  it("counts every step of a wake-up, the steps of one row at the row's hour", () => {
    const wakeUp: HistoryRow = {
      ...row("j1", 1, "a", "next", 10 * HOUR),
      steps: ["a", "b", "a"].map((stepId) => ({
        stepId,
        kind: "step" as const,
        outcome: "next",
        reason: "",
        at: 10 * HOUR,
      })),
    };
    const counted = stepStats([wakeUp, row("j1", 1, "b", "next", 11 * HOUR)]).map((s) => `${s.st} h${s.h}: ${s.n}`);
    expect(counted.sort()).toEqual(["a h10: 2", "b h10: 1", "b h11: 1"]);
  });
});
