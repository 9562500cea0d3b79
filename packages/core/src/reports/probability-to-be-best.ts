/**
 * The Bayesian probability that each arm has the highest conversion rate, with Beta(1, 1) priors: the posterior of an
 * arm with `converted` of `entered` is Beta(1 + converted, 1 + entered − converted), and
 * P(arm i is best) = ∫ fᵢ(x) · Πⱼ≠ᵢ Fⱼ(x) dx. Integrated numerically (midpoint rule on a grid spanning every posterior's
 * mass), so the answer is deterministic: the same counts always give the same figures (docs/decisions/0040).
 */

/** Points of the grid; the posteriors are smooth and the range is cut to where their mass is. */
const GRID = 4_000;
/** The grid spans each posterior's mean ± this many standard deviations (clipped to [0, 1]). */
const SPREAD = 10;

export type ArmCounts = { entered: number; converted: number };

export function probabilityToBeBest(arms: ArmCounts[]): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const params = arms.map(({ entered, converted }) => {
    const c = Math.max(0, Math.min(converted, entered));
    return { a: 1 + c, b: 1 + Math.max(0, entered - c) };
  });
  let lo = 1;
  let hi = 0;
  for (const { a, b } of params) {
    const mean = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    lo = Math.min(lo, mean - SPREAD * sd);
    hi = Math.max(hi, mean + SPREAD * sd);
  }
  lo = Math.max(0, lo);
  hi = Math.min(1, hi);
  const step = (hi - lo) / GRID;
  // Each posterior's density at the midpoints, normalised on the grid (in log space first: the terms under- and
  // overflow for large counts), then its distribution function by running sums.
  const pdfs = params.map(({ a, b }) => {
    const logs = new Float64Array(GRID);
    let max = -Infinity;
    for (let k = 0; k < GRID; k++) {
      const x = lo + (k + 0.5) * step;
      const v = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x);
      logs[k] = v;
      if (v > max) max = v;
    }
    const pdf = new Float64Array(GRID);
    let sum = 0;
    for (let k = 0; k < GRID; k++) {
      pdf[k] = Math.exp((logs[k] as number) - max);
      sum += pdf[k] as number;
    }
    for (let k = 0; k < GRID; k++) pdf[k] = (pdf[k] as number) / sum;
    return pdf;
  });
  const cdfs = pdfs.map((pdf) => {
    const cdf = new Float64Array(GRID);
    let run = 0;
    for (let k = 0; k < GRID; k++) {
      // The mass below the midpoint: what came before plus half of this cell.
      cdf[k] = run + (pdf[k] as number) / 2;
      run += pdf[k] as number;
    }
    return cdf;
  });
  const out = pdfs.map((pdf, i) => {
    let p = 0;
    for (let k = 0; k < GRID; k++) {
      let others = 1;
      for (let j = 0; j < cdfs.length; j++) if (j !== i) others *= (cdfs[j] as Float64Array)[k] as number;
      p += (pdf[k] as number) * others;
    }
    return p;
  });
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((p) => (total > 0 ? p / total : 1 / arms.length));
}
