/** A listed value of a simulated property or attribute: a text, a number, yes/no, or "not set" (null). */
export type ListedValue = string | number | boolean | null;

/** How "not set" is written in a list of simulated values. */
export const NOT_SET = "(not set)";

/** A list of simulated values as the user reads and types it: `pro, team, other, (not set)`. */
export function formatValueList(values: readonly ListedValue[]): string {
  return values.map((v) => (v === null ? NOT_SET : String(v))).join(", ");
}

/**
 * The values a user typed, comma-separated: numbers stay numbers, true and false stay yes/no, `(not set)` leaves the
 * value unset, anything else is text. Empty items are dropped, so a trailing comma while typing does no harm.
 */
export function parseValueList(text: string): ListedValue[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      if (item === NOT_SET) return null;
      if (item === "true" || item === "false") return item === "true";
      return /^-?\d+(\.\d+)?$/.test(item) ? Number(item) : item;
    });
}
