import { describe, expect, it } from "vitest";
import { spread } from "./engine.ts";

describe("spread", () => {
  it("deals partitions into at most the asked number of disjoint groups that together hold every partition", () => {
    const busy = [0, 2, 3, 5, 8, 9, 15];
    const groups = spread(busy, 2);
    expect(groups).toEqual([
      [0, 3, 8, 15],
      [2, 5, 9],
    ]);
    expect(
      spread(busy, 3)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(busy);
  });

  it("makes one group per partition when there are fewer partitions than groups, and one group when asked for none", () => {
    expect(spread([4], 2)).toEqual([[4]]);
    expect(spread([1, 2], 0)).toEqual([[1, 2]]);
  });
});
