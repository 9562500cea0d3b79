import { describe, expect, it } from "vitest";
import { renderProgress } from "./progress-bar.ts";

describe("renderProgress", () => {
  it("draws the bar, the percentage and the label", () => {
    expect(renderProgress({ fraction: 0, label: "day 0" }, 10)).toBe("[>         ]   0%  day 0");
    expect(renderProgress({ fraction: 0.42, label: "x" }, 10)).toBe("[====>     ]  42%  x");
    expect(renderProgress({ fraction: 1, label: "done" }, 10)).toBe("[==========] 100%  done");
  });

  it("clamps what is out of range", () => {
    expect(renderProgress({ fraction: 3, label: "" }, 4)).toBe("[====] 100%  ");
    expect(renderProgress({ fraction: -1, label: "" }, 4)).toBe("[>   ]   0%  ");
    expect(renderProgress({ fraction: Number.NaN, label: "" }, 4)).toBe("[>   ]   0%  ");
  });
});
