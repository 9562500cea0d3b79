import { describe, expect, it } from "vitest";
import { JourneySettings } from "../model/journey.ts";
import { describeExitCriteria, describeGoal } from "./describe-settings.ts";

describe("journey settings in words", () => {
  it("describes exit criteria", () => {
    const settings = JourneySettings.parse({
      exitCriteria: [
        { event: "account.cancelled" },
        { event: "refund", where: [{ property: "amount", op: "gt", value: 10 }] },
      ],
    });
    expect(describeExitCriteria(settings.exitCriteria)).toBe(
      "Leaves the journey on Account cancelled or Refund where amount is more than 10",
    );
    expect(describeExitCriteria([])).toBe("");
  });

  it("describes the goal", () => {
    const settings = JourneySettings.parse({ goal: { event: "purchase.completed", within: "14d", exit: true } });
    expect(describeGoal(settings.goal)).toBe(
      "'Converted' when Purchase completed within 14 days of entering, then leaves",
    );
    expect(describeGoal(JourneySettings.parse({ goal: { name: "Activated", event: "portal.login" } }).goal)).toBe(
      "'Activated' when Portal login",
    );
    expect(describeGoal(undefined)).toBe("");
  });
});
