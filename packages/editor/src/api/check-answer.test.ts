import { contract } from "@overture/api-contract";
import { describe, expect, it } from "vitest";
import { checkAnswer, urlOf } from "./check-answer.ts";

const figures = {
  journeyId: "welcome",
  version: 1,
  entered: 3,
  active: 1,
  completed: 2,
  exited: 0,
  converted: 1,
  steps: [{ stepId: "mail", waiting: 0, passed: 3, exited: 0, converted: 1, outcomes: { next: 3 } }],
};

describe("checkAnswer: the editor parses answers with the API contract", () => {
  it("accepts an answer of the contract's shape and drops fields it does not know", () => {
    const checked = checkAnswer(contract.journeyStats, { ...figures, debug: "x" });
    expect(checked).toEqual({ ok: true, data: figures });
  });

  it("names each field of an answer that departs from the contract (a renamed or missing field)", () => {
    const { passed: _, ...renamed } = { ...figures.steps[0]!, passedCount: 3 };
    const checked = checkAnswer(contract.journeyStats, { ...figures, steps: [renamed], entered: "3" });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.path).sort()).toEqual(["entered", "steps.0.passed"]);
  });

  it("refuses a page that is not JSON of the API at all (a proxy's error page parsed as null)", () => {
    const checked = checkAnswer(contract.getCatalog, null);
    expect(checked).toMatchObject({ ok: false, problems: [{ path: "", code: "invalid_type" }] });
  });
});

describe("urlOf", () => {
  it("fills the path's parameters, encoded, and leaves out query parameters without a value", () => {
    expect(urlOf(contract.stepDeliveries, { id: "a b", stepId: "x/y" }, { limit: 200, version: undefined })).toBe(
      "/v1/journeys/a%20b/steps/x%2Fy/deliveries?limit=200",
    );
    expect(urlOf(contract.listOutbox, {}, { status: "", channel: "email" })).toBe("/v1/outbox?channel=email");
  });

  it("throws when a path parameter is missing: a bug of the caller, not an answer", () => {
    expect(() => urlOf(contract.getJourney)).toThrow(/no value for :id/);
  });
});
