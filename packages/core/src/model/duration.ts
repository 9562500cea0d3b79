/**
 * Durations are written the way people say them: "30m", "2h", "7d", "1w" (optionally combined, "1d12h").
 * Kept as text in journey documents so a business user can read them in the JSON and the editor can show them.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** The pattern a duration string must match. */
export const DURATION_PATTERN = /^(\d+[smhdw])+$/;

/** Parses a duration like "7d" or "1d12h" into milliseconds; returns null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  if (!DURATION_PATTERN.test(text)) return null;
  let total = 0;
  for (const part of text.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(part[1]) * UNIT_MS[part[2] as keyof typeof UNIT_MS];
  }
  return total > 0 ? total : null;
}

/** Like {@link parseDuration} for text already validated by the schema; throws when it is not a duration. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === null) throw new Error(`not a duration: ${text}`);
  return ms;
}

/** Formats milliseconds back into the largest whole units, e.g. 90 minutes → "1h30m". */
export function formatDuration(ms: number): string {
  let rest = ms;
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s"] as const) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out || "0s";
}
