import type { ConditionValue, Operator } from "../model/condition.ts";
import type { SimulatedValues } from "../model/simulation.ts";

/** One test on a property or attribute, as the journey writes it. */
export type ValueTest = { op: Operator; value?: ConditionValue | undefined };

type Scalar = string | number | boolean | null;

const ORDERED: ReadonlySet<Operator> = new Set(["gt", "gte", "lt", "lte"]);

function scalars(tests: readonly ValueTest[]): Scalar[] {
  return tests.flatMap((t) => (t.value === undefined ? [] : Array.isArray(t.value) ? t.value : [t.value]));
}

/** A value not in the list, so "none of these" is exercised too: "other" (or "other-2"…), or one more than the largest number. */
function another(values: readonly Scalar[]): Scalar {
  const numbers = values.filter((v): v is number => typeof v === "number");
  if (numbers.length === values.length && numbers.length > 0) return Math.max(...numbers) + 1;
  let candidate = "other";
  for (let n = 2; values.includes(candidate); n++) candidate = `other-${n}`;
  return candidate;
}

/**
 * Values chosen so that both sides of every test are exercised: a range around the thresholds of "more than" and
 * "less than" (`amount > 49.99` → 24.99 to 74.99), the listed values plus another for "is" and "is one of"
 * (`plan in [pro, team]` → pro, team, other), true and false for yes/no, and "not set" when a test asks whether
 * the value is set.
 */
export function spreadValues(tests: readonly ValueTest[]): SimulatedValues {
  const values = scalars(tests);
  const unset = tests.some((t) => t.op === "exists" || t.op === "not-exists");
  const numbers = values.filter((v): v is number => typeof v === "number");
  if (tests.some((t) => ORDERED.has(t.op) && typeof t.value === "number") && numbers.length === values.length) {
    const [lo, hi] = [Math.min(...numbers), Math.max(...numbers)];
    // A round margin, so the ends keep the threshold's cents: 49.99 → 24.99 to 74.99.
    const pad = Math.round(Math.max(Math.abs(lo) / 2, Math.abs(hi) / 2, (hi - lo) / 2, 1));
    const whole = numbers.every(Number.isInteger);
    const round = (n: number) => (whole ? Math.round(n) : Math.round(n * 100) / 100);
    return { type: "range", min: round(lo - pad), max: round(hi + pad) };
  }
  const listed = [...new Set(values.filter((v) => v !== null))];
  if (listed.length === 0) return { type: "one-of", values: unset ? ["yes", null] : ["yes", "no"] };
  const list: Scalar[] = listed.every((v) => typeof v === "boolean") ? [true, false] : [...listed, another(listed)];
  return { type: "one-of", values: unset ? [...list, null] : list };
}
