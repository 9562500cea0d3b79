import { describe, expect, it } from "vitest";
import { Condition } from "../model/condition.ts";
import { Step } from "../model/step.ts";
import { describeCondition } from "./describe-condition.ts";
import { describeStep } from "./describe-step.ts";

const say = (raw: unknown) => describeCondition(Condition.parse(raw));

describe("describeCondition", () => {
  it("describes attribute comparisons", () => {
    expect(say({ type: "attribute", attribute: "plan", op: "eq", value: "pro" })).toBe('plan is "pro"');
    expect(say({ type: "attribute", attribute: "seats", op: "gte", value: 5 })).toBe("seats is at least 5");
    expect(say({ type: "attribute", attribute: "plan", op: "in", value: ["pro", "team"] })).toBe(
      'plan is one of "pro", "team"',
    );
    expect(say({ type: "attribute", attribute: "trialEndsAt", op: "not-exists" })).toBe("trialEndsAt is not set");
  });

  it("describes how often an event happened, since entering or in a window", () => {
    expect(say({ type: "event", event: "portal.login" })).toBe("Portal login at least once since entering");
    expect(say({ type: "event", event: "portal.login", since: { within: "7d" }, count: { op: "gte", value: 3 } })).toBe(
      "Portal login at least 3 times in the last 7 days",
    );
    expect(say({ type: "event", event: "portal.login", count: { op: "eq", value: 0 } })).toBe(
      "Portal login never since entering",
    );
    expect(
      say({
        type: "event",
        event: "purchase",
        where: [{ property: "plan", op: "eq", value: "pro" }],
        count: { op: "lt", value: 2 },
      }),
    ).toBe('Purchase where plan is "pro" fewer than twice since entering');
  });

  it("describes engagement and groups, bracketing a group inside a group", () => {
    expect(say({ type: "top-topic", topic: "billing" })).toBe('top topic is "billing"');
    const login = { type: "event", event: "portal.login" };
    const pro = { type: "attribute", attribute: "plan", op: "eq", value: "pro" };
    const team = { type: "attribute", attribute: "plan", op: "eq", value: "team" };
    expect(say({ type: "all", conditions: [login, { type: "any", conditions: [pro, team] }] })).toBe(
      'Portal login at least once since entering and (plan is "pro" or plan is "team")',
    );
    expect(say({ type: "any", conditions: [{ type: "all", conditions: [pro] }, team] })).toBe(
      'plan is "pro" or plan is "team"',
    );
    expect(say({ type: "not", condition: { type: "any", conditions: [pro, team] } })).toBe(
      'not (plan is "pro" or plan is "team")',
    );
    expect(say({ type: "not", condition: pro })).toBe('not plan is "pro"');
    expect(say({ type: "all", conditions: [] })).toBe("always");
    expect(say({ type: "any", conditions: [] })).toBe("never");
  });

  it("gives a branch step's summary each arm's condition", () => {
    const branch = Step.parse({
      id: "b",
      type: "branch",
      arms: [
        {
          id: "engaged",
          label: "Engaged",
          condition: { type: "event", event: "portal.login", since: { within: "3d" } },
          next: "x",
        },
        {
          id: "pro",
          label: "Pro",
          condition: { type: "attribute", attribute: "plan", op: "eq", value: "pro" },
          next: "y",
        },
      ],
      else: { label: "Everyone else", next: "z" },
    });
    expect(describeStep(branch)).toBe(
      "Branches: 'Engaged' if Portal login at least once in the last 3 days; 'Pro' if plan is \"pro\"; otherwise 'Everyone else'",
    );
    expect(describeStep(Step.parse({ id: "b", type: "branch", arms: [], else: { next: "z" } }))).toBe(
      "Sends everyone to 'Everyone else'",
    );
  });
});
