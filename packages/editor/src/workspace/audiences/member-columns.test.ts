import { describe, expect, it } from "vitest";
import { memberAttributes } from "./member-columns.ts";

describe("the members table's attribute columns (issue 14)", () => {
  it("shows the familiar attributes first, then the most common, at most four, and no nested objects", () => {
    const page = [
      { plan: "pro", email: "a@x.io", seats: 3, address: { city: "Lyon" }, tier: "gold" },
      { plan: "free", seats: 1, zone: "eu" },
      { seats: 2, tier: "silver" },
    ];
    expect(memberAttributes(page)).toEqual(["email", "plan", "seats", "tier"]);
    expect(memberAttributes([])).toEqual([]);
  });
});
