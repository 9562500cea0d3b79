import { describe, expect, it } from "vitest";
import { branch, email, exit, rawJourney, split, trigger, wait, waitFor } from "../../test/builders.ts";
import { JOURNEY_PROBLEM_CODES } from "./journey-problem.ts";
import { validateJourney } from "./validate-journey.ts";

/** A seeded generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  "",
  "x",
  "0d",
  "7 days",
  [],
  {},
  [1, "a"],
  { type: "x" },
  true,
  "steps",
];

/** Replaces one value somewhere inside `value` with an odd one. */
function mutate(value: unknown, random: () => number, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > 6 || random() < 0.2)
    return ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = keys[Math.floor(random() * keys.length)] as string;
  (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], random, depth + 1);
  return copy;
}

const base = rawJourney(
  [
    trigger("t", "s"),
    split("s", [
      { id: "a", percent: 50, next: "e" },
      { id: "b", percent: 50, next: "w" },
    ]),
    email("e", "w"),
    waitFor("w", ["portal.login"], "7d", "br", "p"),
    branch(
      "br",
      [
        {
          id: "x",
          next: "x",
          condition: { type: "all", conditions: [{ type: "event", event: "a", since: { within: "1d" } }] },
        },
      ],
      "p",
    ),
    wait("p", "1d", "x"),
    exit("x"),
  ],
  {
    reentry: "after",
    reentryAfter: "30d",
    goal: { event: "buy", within: "7d" },
    exitCriteria: [{ event: "account.cancelled" }],
  },
);

describe("validateJourney on damaged documents", () => {
  it("V1: never throws, and every problem has a known code, a message and a path", () => {
    expect(validateJourney(base).problems).toEqual([]);
    const random = generator(20250106);
    const known = new Set<string>(JOURNEY_PROBLEM_CODES);
    for (let i = 0; i < 1500; i++) {
      let document: unknown = base;
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) document = mutate(document, random);
      const result = validateJourney(document);
      expect(result.valid).toBe(result.problems.length === 0);
      for (const problem of result.problems) {
        expect(known.has(problem.code), JSON.stringify(problem)).toBe(true);
        expect(problem.message).not.toBe("");
        expect(typeof problem.path).toBe("string");
      }
    }
  });
});
