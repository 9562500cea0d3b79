import type { StepFigures } from "../canvas/canvas-model.ts";

/** A zoomed-out step's figures in one short line, and whether something there needs a look. */
export type FarFigures = { text: string; warn: boolean };

/**
 * What a zoomed-out step still shows under its name: its figures that are not zero (for a simulation, first those it
 * reached), and the failed deliveries when there are any. The full figures are one zoom away.
 */
export function farFigures(stats: StepFigures | undefined, simulated: boolean): FarFigures | null {
  if (!stats) return null;
  const parts = simulated ? [`${stats.reached ?? 0} reached`] : [];
  for (const [count, word] of [
    [stats.waiting, "waiting"],
    [stats.passed, "passed"],
    [stats.converted, "converted"],
    [stats.exited, "exited"],
  ] as const)
    if (count > 0) parts.push(`${count} ${word}`);
  // Nobody here yet is a figure too: "0 passed", rather than nothing, which reads as "no figures".
  if (parts.length === 0) parts.push("0 passed");
  const failing = (stats.deliveries?.dead ?? 0) + (stats.deliveries?.retrying ?? 0);
  if (!simulated && stats.deliveries?.dead) parts.push(`${stats.deliveries.dead} dead`);
  if (!simulated && stats.deliveries?.retrying) parts.push(`${stats.deliveries.retrying} retrying`);
  return { text: parts.join(" · "), warn: !simulated && failing > 0 };
}
