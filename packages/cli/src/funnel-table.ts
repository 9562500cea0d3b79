import type { JourneyDocument } from "@overture/core";
import type { JourneyStats } from "@overture/runtime";

/** One line of the funnel: a step and how many customers reached it, wait there, went on, left there, converted. */
export type FunnelRow = {
  step: string;
  type: string;
  reached: number;
  waiting: number;
  passed: number;
  exited: number;
  converted: number;
};

/**
 * The funnel in the journey's step order. A customer who reached a step is either still waiting there, went on
 * (passed), or left the journey there (exited).
 */
export function funnelRows(document: JourneyDocument, stats: JourneyStats): FunnelRow[] {
  const counts = new Map(stats.steps.map((s) => [s.stepId, s]));
  return document.steps.map((step) => {
    const c = counts.get(step.id);
    const waiting = c?.waiting ?? 0;
    const passed = c?.passed ?? 0;
    const exited = c?.exited ?? 0;
    return {
      step: step.id,
      type: step.type,
      reached: waiting + passed + exited,
      waiting,
      passed,
      exited,
      converted: c?.converted ?? 0,
    };
  });
}

const COLUMNS = ["step", "type", "reached", "waiting", "passed", "exited", "converted"] as const;

/** The rows as an aligned text table: names left-aligned, figures right-aligned with thousands separators. */
export function formatFunnel(rows: FunnelRow[]): string {
  const cells = rows.map((row) =>
    COLUMNS.map((col) => (typeof row[col] === "number" ? row[col].toLocaleString("en-US") : String(row[col]))),
  );
  const widths = COLUMNS.map((col, i) => Math.max(col.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(COLUMNS), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
