import { describe, expect, it } from "vitest";
import { chiSquareTest, chiSquareUpperTail, logGamma } from "./chi-square.ts";
import { probabilityToBeBest } from "./probability-to-be-best.ts";
import { splitSignificance } from "./split-significance.ts";

// Expected figures from SciPy 1.17 (scipy.stats.chi2.sf, chi2_contingency(correction=False)) and mpmath quadrature.
describe("chi-square", () => {
  it("ln Γ matches known values", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it.each([
    [3.841458820694124, 1, 0.05],
    [0.5, 3, 0.9188914116546758],
    [25, 10, 0.005345505487134069],
    [150, 100, 0.0009039320423540184],
    [0.001, 1, 0.9747728793699604],
  ])("the upper tail of %f with %i degrees of freedom is %f", (x, k, p) => {
    expect(chiSquareUpperTail(x, k)).toBeCloseTo(p, 10);
  });

  it.each([
    [
      [
        [10, 90],
        [20, 80],
      ],
      3.9215686274509807,
      1,
      0.04767038065616147,
    ],
    [
      [
        [120, 880],
        [150, 850],
        [100, 900],
      ],
      11.715137190422361,
      2,
      0.0028581846449488193,
    ],
    [
      [
        [5, 995],
        [40, 960],
      ],
      27.848820687695365,
      1,
      1.311739988610434e-7,
    ],
    [
      [
        [30, 70],
        [30, 70],
      ],
      0,
      1,
      1,
    ],
  ])("tests %j as SciPy does", (table, statistic, df, p) => {
    const t = chiSquareTest(table);
    expect(t.statistic).toBeCloseTo(statistic, 9);
    expect(t.degreesOfFreedom).toBe(df);
    expect(t.pValue).toBeCloseTo(p, 9);
    expect(t.pValue / p).toBeCloseTo(1, 6);
  });

  it("a table where nobody (or everybody) converted tells nothing: p = 1", () => {
    expect(
      chiSquareTest([
        [0, 50],
        [0, 70],
      ]).pValue,
    ).toBe(1);
    expect(
      chiSquareTest([
        [50, 0],
        [70, 0],
      ]).pValue,
    ).toBe(1);
  });
});

describe("probability to be best (Beta(1, 1) priors)", () => {
  it("matches the closed form for two arms", () => {
    const [a, b] = probabilityToBeBest([
      { entered: 100, converted: 10 },
      { entered: 100, converted: 20 },
    ]);
    expect(b).toBeCloseTo(0.9751730331528746, 4);
    expect((a ?? 0) + (b ?? 0)).toBeCloseTo(1, 12);
  });

  it("matches quadrature for three arms", () => {
    const p = probabilityToBeBest([
      { entered: 1000, converted: 120 },
      { entered: 1000, converted: 150 },
      { entered: 1000, converted: 100 },
    ]);
    expect(p[0]).toBeCloseTo(0.0248936611614649, 4);
    expect(p[1]).toBeCloseTo(0.974853638730988, 4);
    expect(p[2]).toBeCloseTo(0.000252700107547, 4);
  });

  it("is even for equal arms and stable at large counts", () => {
    const even = probabilityToBeBest([
      { entered: 500_000, converted: 50_000 },
      { entered: 500_000, converted: 50_000 },
    ]);
    expect(even[0]).toBeCloseTo(0.5, 6);
    const clear = probabilityToBeBest([
      { entered: 1_000_000, converted: 100_000 },
      { entered: 1_000_000, converted: 103_000 },
    ]);
    expect(clear[1]).toBeGreaterThan(0.9999);
  });
});

describe("a split's verdict", () => {
  const arm = (armId: string, entered: number, converted: number) => ({ armId, label: armId, entered, converted });

  it("significant needs p < 0.05 and at least 30 customers in every arm", () => {
    const clear = splitSignificance([arm("a", 1000, 120), arm("b", 1000, 150), arm("c", 1000, 100)]);
    expect(clear?.significant).toBe(true);
    expect(clear?.probabilityToBeBest.b).toBeGreaterThan(0.97);
    expect(clear?.note).toMatch(/differ/);
    // The same rates on 29 customers in one arm: too early, whatever the p-value.
    const small = splitSignificance([arm("a", 29, 0), arm("b", 1000, 900)]);
    expect(small?.pValue).toBeLessThan(0.05);
    expect(small?.significant).toBe(false);
    expect(small?.note).toMatch(/at least 30/);
    expect(splitSignificance([arm("a", 100, 10), arm("b", 100, 12)])?.significant).toBe(false);
  });

  it("has nothing to compare with one arm", () => {
    expect(splitSignificance([arm("a", 100, 10)])).toBeNull();
  });
});
