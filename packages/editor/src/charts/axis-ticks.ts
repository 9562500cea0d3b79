const UNITS = [
  { unit: "s", ms: 1_000 },
  { unit: "min", ms: 60_000 },
  { unit: "h", ms: 3_600_000 },
  { unit: "d", ms: 86_400_000 },
] as const;

/**
 * Ticks for a duration axis: round numbers of one unit chosen from the largest value ("0 min, 15 min, 30 min…"), so
 * no two ticks read alike — rounded milliseconds gave "1 s, 1 s, 0 s" for values under two seconds.
 */
export function durationTicks(maxMs: number): { ticks: number[]; format: (ms: number) => string } {
  const { unit, ms } = [...UNITS].reverse().find((u) => maxMs >= 2 * u.ms) ?? UNITS[0];
  const top = Math.max(maxMs / ms, 1);
  const step = niceStep(top / 4);
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push(i * step * ms);
  if ((ticks.at(-1) ?? 0) < maxMs) ticks.push(ticks.length * step * ms);
  const digits = String(step).split(".")[1]?.length ?? 0;
  // Rounded to the step's digits, then written without trailing zeros: "0 d, 2.5 d, 5 d".
  return { ticks, format: (value) => `${Number((value / ms).toFixed(digits))} ${unit}` };
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  // toPrecision drops the float noise of 2.5 × 0.1 = 0.25000000000000006.
  return Number((([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power).toPrecision(3));
}
