import { describe, expect, it } from "vitest";
import { branch, email, exit, recommend, trigger, version, wait, waitFor } from "../../test/builders.ts";

describe("compileJourney", () => {
  const v = version(
    [
      trigger("t", "b"),
      branch(
        "b",
        [{ id: "pro", next: "r", condition: { type: "attribute", attribute: "plan", op: "eq", value: "pro" } }],
        "w",
      ),
      recommend("r", "w"),
      waitFor("w", ["portal.login", "content.viewed"], "7d", "after", "late"),
      branch("after", [{ id: "seen", next: "x", condition: { type: "event", event: "portal.viewed" } }], "x"),
      wait("late", "1d", "mail"),
      email("mail", "x"),
      exit("x"),
    ],
    { exitCriteria: [{ event: "account.cancelled" }], goal: { event: "purchase.completed" } },
  );

  it("C1: wakingEvents are the events of waits, exit criteria and the goal", () => {
    expect([...v.wakingEvents].sort()).toEqual([
      "account.cancelled",
      "content.viewed",
      "portal.login",
      "purchase.completed",
    ]);
    expect(v.triggers.map((t) => t.id)).toEqual(["t"]);
    expect(v.steps.get("mail")?.type).toBe("email");
  });

  it("C2: factsFrom a step covers every path up to and including the next waits", () => {
    expect(v.factsFrom.get("t")).toEqual({ attributes: true, events: ["content.viewed"], segments: false });
    // From a wait, the run resumes past it: the branch after it needs portal.viewed.
    expect(v.factsFrom.get("w")).toEqual({ attributes: false, events: ["portal.viewed"], segments: false });
    expect(v.factsFrom.get("late")).toEqual({ attributes: false, events: [], segments: false });
  });
});
