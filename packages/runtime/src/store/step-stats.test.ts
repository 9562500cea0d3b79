import { describe, expect, it } from "vitest";
import { STAT_BUCKET_MS, stepStats } from "./step-stats.ts";
import type { TransitionRow } from "./store.ts";

const HOUR = STAT_BUCKET_MS;

function row(journeyId: string, version: number, stepId: string, outcome: string, at: number, workspaceId = "w1"): TransitionRow {
  return { workspaceId, instanceId: `${journeyId}:c:1`, journeyId, version, customerId: "c", stepId, kind: "step", outcome, reason: "", at };
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
      { ...row("j1", 1, "a", "next", 10 * HOUR + 9), kind: "goal" },
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
});
