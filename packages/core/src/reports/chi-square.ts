/**
 * The chi-square distribution's upper tail, from the regularized incomplete gamma function (Numerical Recipes §6.2:
 * the series below a + 1, Lentz's continued fraction above). Written here rather than imported: the core imports
 * nothing but zod, and these forty lines are tested against SciPy's values (docs/decisions/0040).
 */

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Q(a, x) = Γ(a, x) / Γ(a): the regularized upper incomplete gamma function, a > 0, x ≥ 0. */
export function upperGammaRegularized(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    // The series of P(a, x); Q = 1 − P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.max(0, 1 - sum * front);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.min(1, front * h);
}

/** P(X ≥ statistic) for X chi-square with `degreesOfFreedom`: the test's p-value. */
export function chiSquareUpperTail(statistic: number, degreesOfFreedom: number): number {
  return upperGammaRegularized(degreesOfFreedom / 2, statistic / 2);
}

/**
 * Pearson's chi-square test of independence on a table of counts (rows: the arms; columns: converted, not), without
 * Yates' correction. A column or row of zeros tells nothing: statistic 0, p-value 1.
 */
export function chiSquareTest(table: number[][]): { statistic: number; degreesOfFreedom: number; pValue: number } {
  const rows = table.filter((r) => r.reduce((a, b) => a + b, 0) > 0);
  const columns = rows[0]?.length ?? 0;
  const rowTotals = rows.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => rows.reduce((a, r) => a + (r[j] ?? 0), 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const usedColumns = columnTotals.filter((t) => t > 0).length;
  const degreesOfFreedom = Math.max(0, (rows.length - 1) * (usedColumns - 1));
  if (degreesOfFreedom === 0) return { statistic: 0, degreesOfFreedom: Math.max(0, rows.length - 1), pValue: 1 };
  let statistic = 0;
  rows.forEach((r, i) => {
    columnTotals.forEach((ct, j) => {
      if (ct === 0) return;
      const expected = ((rowTotals[i] as number) * ct) / total;
      statistic += ((r[j] ?? 0) - expected) ** 2 / expected;
    });
  });
  return { statistic, degreesOfFreedom, pValue: chiSquareUpperTail(statistic, degreesOfFreedom) };
}
