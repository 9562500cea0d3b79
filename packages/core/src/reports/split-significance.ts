import { chiSquareTest } from "./chi-square.ts";
import { probabilityToBeBest } from "./probability-to-be-best.ts";

/** Below this p-value a difference between arms is called significant. */
export const SIGNIFICANCE_LEVEL = 0.05;
/** Every arm needs this many customers before a verdict is given. */
export const MIN_ARM_SIZE = 30;

export type SplitArmCounts = { armId: string; label: string; entered: number; converted: number };

/** Whether a split's arms differ in conversion: the contract's `Significance` (api-contract reports.ts). */
export type SplitSignificance = {
  method: "chi-square";
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  significant: boolean;
  probabilityToBeBest: Record<string, number>;
  note: string;
};

/**
 * The chi-square test of independence on the arms' converted / not-converted counts, the Bayesian probability that
 * each arm is best, and the verdict in words; null for fewer than two arms (nothing to compare).
 */
export function splitSignificance(arms: SplitArmCounts[]): SplitSignificance | null {
  if (arms.length < 2) return null;
  const test = chiSquareTest(arms.map((a) => [a.converted, Math.max(0, a.entered - a.converted)]));
  const best = probabilityToBeBest(arms);
  const smallest = Math.min(...arms.map((a) => a.entered));
  const significant = test.pValue < SIGNIFICANCE_LEVEL && smallest >= MIN_ARM_SIZE;
  const leader = arms.reduce((top, _arm, i) => ((best[i] ?? 0) > (best[top] ?? 0) ? i : top), 0);
  const p = formatP(test.pValue);
  const lead = `'${arms[leader]?.label}' has a ${Math.round((best[leader] ?? 0) * 100)}% probability to be best`;
  const note =
    smallest < MIN_ARM_SIZE
      ? `Too early to tell: every arm needs at least ${MIN_ARM_SIZE} customers (the smallest has ${smallest}). ${lead}.`
      : significant
        ? `The arms differ: chi-square ${test.statistic.toFixed(2)} with ${test.degreesOfFreedom} degrees of freedom, p ${p}. ${lead}.`
        : `No significant difference yet (p ${p}, needs < ${SIGNIFICANCE_LEVEL}). ${lead}.`;
  return {
    method: "chi-square",
    statistic: test.statistic,
    degreesOfFreedom: test.degreesOfFreedom,
    pValue: test.pValue,
    significant,
    probabilityToBeBest: Object.fromEntries(arms.map((a, i) => [a.armId, best[i] ?? 0])),
    note,
  };
}

function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : `= ${p.toFixed(3)}`;
}
