import { describe, expect, it } from "vitest";
import { estimateWords, segmentRuleWords, sizeWords } from "./segment-words.ts";

describe("segments in plain words (issue 14)", () => {
  it("says the brief's example rule as a marketer would", () => {
    const words = segmentRuleWords({
      type: "all",
      rules: [
        {
          type: "event",
          event: "plan.upgraded",
          count: { op: "gte", value: 1 },
          window: { type: "within", duration: "7d" },
        },
        { type: "attribute", attribute: "plan", op: "eq", value: "pro" },
      ],
    });
    expect(words).toBe('Plan upgraded at least once in the last 7 days and plan is "pro"');
  });

  it("says the north-star rule, with names instead of ids", () => {
    const names = {
      journeyName: (id: string) => (id === "j1" ? "Onboarding" : undefined),
      stepName: () => "Welcome email",
    };
    expect(
      segmentRuleWords(
        {
          type: "all",
          rules: [
            { type: "event", event: "purchase.completed" },
            {
              type: "not",
              rule: {
                type: "any",
                rules: [
                  { type: "portal-login", window: { type: "after-event", event: "purchase.completed", within: "7d" } },
                  { type: "event", event: "content.viewed", count: { op: "eq", value: 0 } },
                ],
              },
            },
            { type: "journey", journeyId: "j1", state: "reached-step", stepId: "s1" },
          ],
        },
        names,
      ),
    ).toBe(
      'Purchase completed at least once and not (logged in to the portal at least once within 7 days after their last Purchase completed or Content viewed never) and reached "Welcome email" in "Onboarding"',
    );
  });

  it("says the other kinds, and empty groups as everyone / nobody", () => {
    expect(
      segmentRuleWords({
        type: "event-time",
        event: "portal.login",
        which: "last",
        op: "more-than-ago",
        duration: "7d",
      }),
    ).toBe("last Portal login more than 7 days ago");
    expect(segmentRuleWords({ type: "dwell", topic: "billing", op: "gte", minutes: 5 })).toBe(
      'read "billing" at least 5 minutes',
    );
    expect(segmentRuleWords({ type: "email-engagement", action: "clicked", count: { op: "lte", value: 3 } })).toBe(
      "clicked emails at most 3 times",
    );
    expect(segmentRuleWords({ type: "segment", segmentId: "s9" }, { segmentName: () => "Pro customers" })).toBe(
      'is in "Pro customers"',
    );
    expect(segmentRuleWords({ type: "all", rules: [] })).toBe("everyone");
    expect(segmentRuleWords({ type: "any", rules: [] })).toBe("nobody");
  });

  it("says an estimate as exact or as a range from a sample", () => {
    expect(estimateWords({ estimate: 42, low: 42, high: 42, exact: true, sampled: 42 })).toBe("exactly 42 customers");
    expect(estimateWords({ estimate: 12300, low: 12000, high: 12600, exact: false, sampled: 5000 })).toBe(
      "≈ 12,300 customers (12,000–12,600), from a sample of 5,000",
    );
  });

  it("says a size with how far the build has gone", () => {
    expect(sizeWords({ size: 1, status: "ready", built: { partitions: 8, of: 8 } })).toBe("1 customer");
    expect(sizeWords({ size: 1204, status: "building", built: { partitions: 3, of: 8 } })).toBe(
      "1,204 customers so far (building: 3 of 8 parts done)",
    );
  });
});
