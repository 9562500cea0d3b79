import { describe, expect, it } from "vitest";
import {
  branch,
  email,
  exit,
  goal,
  rawJourney,
  split,
  trigger,
  updateProfile,
  wait,
  waitFor,
} from "../../test/builders.ts";
import { JOURNEY_PROBLEM_CODES, type JourneyProblemCode } from "./journey-problem.ts";
import { validateJourney } from "./validate-journey.ts";

/** A small valid journey: signup → welcome → wait for a login (3d) → tips or nudge → done. */
const good = () =>
  rawJourney([
    trigger("start", "welcome"),
    email("welcome", "login", { name: "Welcome" }),
    waitFor("login", ["portal.login"], "3d", "tips", "nudge"),
    email("tips", "done"),
    email("nudge", "done", { name: "Follow-up" }),
    exit("done"),
  ]);

const codes = (document: unknown, catalog = {}) => validateJourney(document, catalog).problems.map((p) => p.code);
const only = (document: unknown, code: JourneyProblemCode, catalog = {}) =>
  validateJourney(document, catalog).problems.filter((p) => p.code === code);

/** One document per code that shows it; typed over every code, so a new code without a test does not compile. */
const SHOWS: Record<JourneyProblemCode, () => Record<string, unknown>> = {
  schema: () => rawJourney([trigger("t", "e"), { ...email("e", null), subject: 42 }]),
  "schema-version-unsupported": () => ({ ...good(), schemaVersion: 99 }),
  "bad-duration": () => rawJourney([trigger("t", "w"), wait("w", "0d", "x"), exit("x")]),
  "bad-timezone": () => rawJourney(good().steps as unknown[], { defaultTimezone: "Mars/Olympus" }),
  "duplicate-step-id": () => rawJourney([trigger("t", "x"), exit("x"), exit("x")]),
  "no-trigger": () => rawJourney([email("e", "x"), exit("x")]),
  "unreachable-step": () => rawJourney([trigger("t", "x"), exit("x"), email("lost", "x")]),
  "dangling-next": () => rawJourney([trigger("t", "ghost")]),
  "missing-next": () => rawJourney([trigger("t", "e"), email("e", null)]),
  "timeout-next": () => rawJourney([trigger("t", "w"), waitFor("w", ["a"], "1d", "x", null), exit("x")]),
  "next-into-trigger": () => rawJourney([trigger("t", "w"), wait("w", "1d", "t")]),
  "branch-without-else": () =>
    rawJourney([
      trigger("t", "b"),
      branch("b", [{ id: "a", condition: { type: "top-topic", topic: "x" }, next: "x" }], undefined),
      exit("x"),
    ]),
  "duplicate-arm-id": () =>
    rawJourney([
      trigger("t", "s"),
      split("s", [
        { id: "a", percent: 50, next: "x" },
        { id: "a", percent: 50, next: "x" },
      ]),
      exit("x"),
    ]),
  "reserved-arm-id": () =>
    rawJourney([
      trigger("t", "b"),
      branch("b", [{ id: "else", condition: { type: "top-topic", topic: "x" }, next: "x" }], "x"),
      exit("x"),
    ]),
  "split-percent-total": () =>
    rawJourney([
      trigger("t", "s"),
      split("s", [
        { id: "a", percent: 50, next: "x" },
        { id: "b", percent: 40, next: "x" },
      ]),
      exit("x"),
    ]),
  "loop-without-wait": () => rawJourney([trigger("t", "a"), email("a", "b"), email("b", "a")]),
  "email-without-content": () =>
    rawJourney([trigger("t", "e"), { id: "e", type: "email", subject: "Hi", next: "x" }, exit("x")]),
  "unknown-slot": () =>
    rawJourney([
      trigger("t", "p"),
      { id: "p", type: "personalize", slot: "nope", contentId: null, next: "x" },
      exit("x"),
    ]),
  "unknown-template": () =>
    rawJourney([trigger("t", "e"), { id: "e", type: "email", templateId: "nope", next: "x" }, exit("x")]),
  "unknown-endpoint": () =>
    rawJourney([trigger("t", "h"), { id: "h", type: "webhook", endpoint: "nope", next: "x" }, exit("x")]),
  "unknown-content": () =>
    rawJourney([
      trigger("t", "p"),
      { id: "p", type: "personalize", slot: "hero", contentId: "nope", next: "x" },
      exit("x"),
    ]),
  "unknown-segment": () =>
    rawJourney([
      { id: "t", type: "trigger", trigger: { type: "segment", segmentId: "gone", on: "enter" }, next: "x" },
      exit("x"),
    ]),
  "reentry-after-missing": () => rawJourney(good().steps as unknown[], { reentry: "after" }),
  "reserved-context-key": () =>
    rawJourney([trigger("t", "r"), { id: "r", type: "recommend", count: 3, into: "trigger", next: "x" }, exit("x")]),
};
const CATALOG = {
  slots: ["hero"],
  templates: ["welcome"],
  endpoints: ["crm"],
  contentIds: ["c1"],
  segments: [{ id: "vip", name: "VIP customers" }],
};

describe("validateJourney", () => {
  it("V1: a sound journey is valid and comes back parsed, with the defaults filled in", () => {
    const result = validateJourney(good(), CATALOG);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.document?.settings).toMatchObject({ reentry: "never", exitCriteria: [], defaultTimezone: "UTC" });
  });

  it.each(JOURNEY_PROBLEM_CODES.map((code) => [code]))("V3–V20: %s is reported, and the journey is invalid", (code) => {
    const result = validateJourney(SHOWS[code](), CATALOG);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.code)).toContain(code);
    for (const p of result.problems) expect(p.message.length).toBeGreaterThan(20);
  });

  it("V1: every problem comes at once, document-level first, then by step", () => {
    const document = rawJourney(
      [
        { ...trigger("t", "e"), name: "Signup" },
        { id: "e", type: "email", subject: "Hi", next: "ghost" },
        wait("w", "0s", null),
        { id: "e", type: "exit" },
        { id: "bad step!", type: "goal", goal: "Done" },
      ],
      { reentry: "after", defaultTimezone: "Nowhere/Place" },
    );
    const result = validateJourney(document);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ["reentry-after-missing", "settings.reentryAfter"],
      ["bad-timezone", "settings.defaultTimezone"],
      ["dangling-next", "steps[1].next"],
      ["email-without-content", "steps[1]"],
      ["unreachable-step", "steps[2]"],
      ["missing-next", "steps[2].next"],
      ["bad-duration", "steps[2].wait.duration"],
      ["duplicate-step-id", "steps[3].id"],
      ["schema", "steps[4].id"],
      ["unreachable-step", "steps[4]"],
    ]);
    expect(result.document).toBeNull();
  });

  it("V1: the parsed document comes back when it fits the schema, even with other problems", () => {
    const result = validateJourney(SHOWS["missing-next"]());
    expect(result.valid).toBe(false);
    expect(result.document?.steps).toHaveLength(2);
  });

  it("V2: a newer schema version gives one problem and nothing else", () => {
    const result = validateJourney({ ...SHOWS["loop-without-wait"](), schemaVersion: 2 });
    expect(result).toEqual({
      valid: false,
      document: null,
      problems: [expect.objectContaining({ code: "schema-version-unsupported", path: "schemaVersion" })],
    });
    expect(result.problems[0]?.message).toContain("newer version of Overture");
    expect(codes({ ...good(), schemaVersion: "1" })).toEqual(["schema-version-unsupported"]);
    expect(codes({ ...good(), schemaVersion: 1.5 })).toEqual(["schema-version-unsupported"]);
  });

  it("V2: a version 0 document is migrated, then validated", () => {
    const v0 = {
      name: "Old",
      steps: {
        start: { type: "trigger", trigger: { type: "api" }, next: "w" },
        w: { type: "wait", wait: { type: "duration", duration: 0 }, next: "x" },
        x: { type: "exit" },
      },
    };
    const result = validateJourney(v0);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: "bad-duration", path: "steps[1].wait.duration", stepId: "w" }),
    ]);
    const fixed = validateJourney({
      ...v0,
      steps: { ...v0.steps, w: { type: "wait", wait: { type: "duration", duration: 86_400 }, next: "x" } },
    });
    expect(fixed.valid).toBe(true);
    expect(fixed.document?.steps[1]).toMatchObject({ id: "w", wait: { duration: "1d" } });
  });

  it("V3: schema problems name the step and its id, with a readable path", () => {
    const [problem] = only(SHOWS.schema(), "schema");
    expect(problem).toEqual({
      code: "schema",
      path: "steps[1].subject",
      stepId: "e",
      message: "Step 'Subject e': 'subject' must be text, not 42".replace("Subject e", "e"),
    });
    const unknownType = only(
      rawJourney([trigger("t", "s"), { id: "s", name: "Send fax", type: "fax", next: null }]),
      "schema",
    );
    expect(unknownType).toEqual([expect.objectContaining({ path: "steps[1].type", stepId: "s" })]);
    expect(unknownType[0]?.message).toMatch(
      /^Step 'Send fax': "fax" is not a kind of step; use one of: trigger, email/,
    );
    const missing = only(rawJourney([trigger("t", "w"), { id: "w", type: "wait", next: null }]), "schema");
    expect(missing).toEqual([
      expect.objectContaining({ path: "steps[1].wait", stepId: "w", message: "Step 'w': 'wait' is missing" }),
    ]);
  });

  it("V3: schema problems outside the steps, and a document that is not an object", () => {
    expect(only({ schemaVersion: 1, steps: [] }, "schema")).toEqual([
      expect.objectContaining({ path: "name", message: "The journey: 'name' is missing" }),
    ]);
    expect(only({ ...good(), settings: { reentry: "sometimes" } }, "schema")[0]).toMatchObject({
      path: "settings.reentry",
    });
    expect(validateJourney("journey")).toMatchObject({
      valid: false,
      document: null,
      problems: [{ code: "schema", path: "" }],
    });
    expect(validateJourney(null).problems[0]?.code).toBe("schema");
  });

  it("V4: durations are checked everywhere: format, zero, too long", () => {
    const document = rawJourney(
      [
        { ...trigger("t", "n"), trigger: { type: "schedule", every: "0h" } },
        { id: "n", type: "notification", title: "Hi", expiresAfter: "1 week", next: "p" },
        { id: "p", type: "personalize", slot: "hero", contentId: "c1", for: "0m", next: "w" },
        waitFor("w", ["a"], "9999w", "b", "b"),
        branch(
          "b",
          [
            {
              id: "a",
              next: "x",
              condition: {
                type: "all",
                conditions: [{ type: "not", condition: { type: "event", event: "x", since: { within: "0d" } } }],
              },
            },
          ],
          "x",
        ),
        exit("x"),
      ],
      { reentry: "after", reentryAfter: "0d", goal: { event: "buy", within: "soon" } },
    );
    expect(only(document, "bad-duration").map((p) => p.path)).toEqual([
      "settings.goal.within",
      "settings.reentryAfter",
      "steps[0].trigger.every",
      "steps[1].expiresAfter",
      "steps[2].for",
      "steps[3].timeout",
      "steps[4].arms[0].condition.conditions[0].condition.since.within",
    ]);
  });

  it("V5: the default time zone must exist", () => {
    expect(only(SHOWS["bad-timezone"](), "bad-timezone")).toEqual([
      expect.objectContaining({ path: "settings.defaultTimezone" }),
    ]);
    expect(codes(rawJourney(good().steps as unknown[], { defaultTimezone: "America/New_York" }))).toEqual([]);
  });

  it("V6: each later step with a used id is reported", () => {
    const problems = only(rawJourney([trigger("t", "x"), exit("x"), exit("x"), exit("x")]), "duplicate-step-id");
    expect(problems.map((p) => [p.path, p.stepId])).toEqual([
      ["steps[2].id", "x"],
      ["steps[3].id", "x"],
    ]);
  });

  it("V7: a journey without a trigger, even an empty one", () => {
    expect(codes(rawJourney([]))).toEqual(["no-trigger"]);
    expect(codes(SHOWS["no-trigger"]())).toEqual(["no-trigger"]);
  });

  it("V8: steps no trigger leads to, with a message a business user understands", () => {
    const steps = good().steps as Array<Record<string, unknown>>;
    const document = rawJourney([
      ...steps.map((s) => (s.id === "login" ? { ...s, timeoutNext: "done" } : s)),
      email("extra", "nudge"),
    ]);
    expect(only(document, "unreachable-step")).toEqual([
      {
        code: "unreachable-step",
        path: "steps[4]",
        stepId: "nudge",
        message:
          "Step 'Follow-up' can never be reached: the steps leading to it ('extra') cannot be reached from a trigger either",
      },
      {
        code: "unreachable-step",
        path: "steps[6]",
        stepId: "extra",
        message: "Step 'extra' is not connected to anything: no step leads to it",
      },
    ]);
  });

  it("V8, I9 (issue 15, defect 6): a goal that leaves the journey ends it, so the Exit it used to lead to is not a problem", () => {
    // As the editor leaves it once "leave the journey when reached" is ticked, and as the API may send it (a next
    // that the goal never takes): either way no customer reaches the Exit, and no customer needs to.
    for (const next of [null, "done"]) {
      const document = rawJourney([
        trigger("t", "renewed"),
        goal("renewed", "Renewed", { exit: true, next }),
        exit("done"),
      ]);
      expect(validateJourney(document).problems).toEqual([]);
    }
    // A step that would do something is still reported when only such a goal leads to it.
    const after = rawJourney([
      trigger("t", "renewed"),
      goal("renewed", "Renewed", { exit: true, next: "thanks" }),
      email("thanks", null),
    ]);
    expect(only(after, "unreachable-step").map((p) => p.stepId)).toEqual(["thanks"]);
  });

  it("V8: an exit step nothing leads to is not reported; the step that should lead to it is (V10)", () => {
    const document = rawJourney([trigger("t", "e"), email("e", null), exit("done")]);
    expect(validateJourney(document).problems.map((p) => [p.code, p.stepId])).toEqual([["missing-next", "e"]]);
  });

  it("V9: links to missing steps from any exit", () => {
    const document = rawJourney([
      trigger("t", "w"),
      waitFor("w", ["a"], "1d", "b", "gone-1"),
      branch("b", [{ id: "a", next: "gone-2", condition: { type: "top-topic", topic: "x" } }], "gone-3"),
    ]);
    expect(only(document, "dangling-next").map((p) => [p.path, p.stepId])).toEqual([
      ["steps[1].timeoutNext", "w"],
      ["steps[2].arms[0].next", "b"],
      ["steps[2].else.next", "b"],
    ]);
  });

  it("V10: exits that must continue need a next step; exits and goals may end the journey", () => {
    const ends = rawJourney([trigger("t", "g"), goal("g", "Done", { next: "g2" }), goal("g2", "Also", { exit: true })]);
    expect(codes(ends)).toEqual([]);
    const open = rawJourney([
      trigger("t", "s"),
      split("s", [
        { id: "a", percent: 50, next: null },
        { id: "b", percent: 50, next: "br" },
      ]),
      branch("br", [{ id: "x", next: "p", condition: { type: "top-topic", topic: "x" } }], null),
      updateProfile("p", null, { a: 1 }),
    ]);
    expect(only(open, "missing-next").map((p) => p.path)).toEqual([
      "steps[1].arms[0].next",
      "steps[2].else.next",
      "steps[3].next",
    ]);
  });

  it("V11: a wait for an event needs its timeout exit", () => {
    expect(only(SHOWS["timeout-next"](), "timeout-next")).toEqual([
      expect.objectContaining({ path: "steps[1].timeoutNext", stepId: "w" }),
    ]);
  });

  it("V12: no step leads into a trigger", () => {
    expect(only(SHOWS["next-into-trigger"](), "next-into-trigger")).toEqual([
      expect.objectContaining({ path: "steps[1].next", stepId: "w" }),
    ]);
  });

  it("V13/V14: branches need an else arm and distinct arm ids other than 'else'", () => {
    expect(only(SHOWS["branch-without-else"](), "branch-without-else")).toEqual([
      expect.objectContaining({ path: "steps[1].else", stepId: "b" }),
    ]);
    expect(only(SHOWS["duplicate-arm-id"](), "duplicate-arm-id")).toEqual([
      expect.objectContaining({ path: "steps[1].arms[1].id" }),
    ]);
    expect(only(SHOWS["reserved-arm-id"](), "reserved-arm-id")).toEqual([
      expect.objectContaining({ path: "steps[1].arms[0].id" }),
    ]);
  });

  it("V15: split percentages must add up to 100, allowing for decimals", () => {
    const splitOf = (...percents: number[]) =>
      rawJourney([
        trigger("t", "s"),
        split(
          "s",
          percents.map((percent, i) => ({ id: `a${i}`, percent, next: "x" })),
        ),
        exit("x"),
      ]);
    expect(codes(splitOf(33.3, 33.3, 33.4))).toEqual([]);
    expect(codes(splitOf(10, 90))).toEqual([]);
    expect(only(splitOf(50, 60), "split-percent-total")[0]?.message).toBe(
      "Step 's': the arms add up to 110% (50% and 60%), not 100%",
    );
    expect(only(splitOf(), "split-percent-total")[0]?.message).toBe("Step 's': the arms add up to 0%, not 100%");
  });

  it("V16: one problem per loop without a wait; loops through a wait are fine", () => {
    expect(codes(rawJourney([trigger("t", "a"), email("a", "w"), wait("w", "1d", "a")]))).toEqual([]);
    expect(codes(rawJourney([trigger("t", "a"), email("a", "f"), waitFor("f", ["x"], "1d", "a", "a")]))).toEqual([]);
    const twoLoops = rawJourney([
      trigger("t", "a"),
      email("a", "b"),
      branch("b", [{ id: "again", next: "a", condition: { type: "top-topic", topic: "x" } }], "c"),
      email("c", "c"),
    ]);
    const loops = only(twoLoops, "loop-without-wait");
    expect(loops.map((p) => [p.stepId, p.path])).toEqual([
      ["a", "steps[1]"],
      ["c", "steps[3]"],
    ]);
    expect(loops[0]?.message).toMatch(/^Steps 'a' and 'b' form a loop with no wait in it/);
    expect(loops[1]?.message).toMatch(/^Step 'c' leads to itself with no wait in it/);
  });

  it("V17: an email needs a template, or a subject and a body", () => {
    expect(only(SHOWS["email-without-content"](), "email-without-content")).toEqual([
      expect.objectContaining({ stepId: "e", path: "steps[1]" }),
    ]);
    expect(
      codes(rawJourney([trigger("t", "e"), { id: "e", type: "email", templateId: "welcome", next: "x" }, exit("x")])),
    ).toEqual([]);
  });

  it("V18: slots, templates, endpoints and content ids are checked only against the lists given", () => {
    for (const code of ["unknown-slot", "unknown-template", "unknown-endpoint", "unknown-content"] as const) {
      expect(codes(SHOWS[code](), {})).toEqual([]);
      expect(only(SHOWS[code](), code, CATALOG)).toHaveLength(1);
    }
    const [slot] = only(SHOWS["unknown-slot"](), "unknown-slot", CATALOG);
    expect(slot).toEqual({
      code: "unknown-slot",
      path: "steps[1].slot",
      stepId: "p",
      message: "Step 'p' uses the slot 'nope', which does not exist (known slots: hero)",
    });
    const clearing = rawJourney([
      trigger("t", "p"),
      { id: "p", type: "personalize", slot: "hero", contentId: null, next: "x" },
      exit("x"),
    ]);
    expect(codes(clearing, { ...CATALOG, contentIds: [] })).toEqual([]);
    // A webhook step that names a URL instead of an endpoint is not looked up.
    const byUrl = rawJourney([
      trigger("t", "h"),
      { id: "h", type: "webhook", endpoint: "https://hooks.example.com/x", next: "x" },
      exit("x"),
    ]);
    expect(codes(byUrl, { ...CATALOG, endpoints: [] })).toEqual([]);
  });

  it("V19/V20: re-entry after a time needs the time; recommendations may not overwrite the trigger", () => {
    expect(only(SHOWS["reentry-after-missing"](), "reentry-after-missing")).toEqual([
      expect.objectContaining({ path: "settings.reentryAfter" }),
    ]);
    expect(codes(rawJourney(good().steps as unknown[], { reentry: "after", reentryAfter: "30d" }))).toEqual([]);
    expect(only(SHOWS["reserved-context-key"](), "reserved-context-key")).toEqual([
      expect.objectContaining({ path: "steps[1].into", stepId: "r" }),
    ]);
  });
});
