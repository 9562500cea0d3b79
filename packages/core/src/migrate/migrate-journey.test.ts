import { describe, expect, it } from "vitest";
import { deepFreeze, exit, rawJourney, trigger } from "../../test/builders.ts";
import { CURRENT_SCHEMA_VERSION, JourneyDocument } from "../model/journey.ts";
import { JOURNEY_MIGRATIONS, migrateJourney, schemaVersionOf } from "./migrate-journey.ts";

/** A version 0 document using every duration field. */
const v0 = () => ({
  name: "Onboarding (2023)",
  settings: { reentry: "after", reentryAfter: 2_592_000, goal: { event: "purchase", within: 604_800 } },
  steps: {
    start: { type: "trigger", trigger: { type: "schedule", every: 86_400 }, next: "hello" },
    hello: { id: "old-id", type: "notification", title: "Hi", expiresAfter: 5_400, next: "hero" },
    hero: { type: "personalize", slot: "dashboard.hero", contentId: "welcome", for: 3_600, next: "pause" },
    pause: { type: "wait", wait: { type: "duration", duration: 90 }, next: "login" },
    login: {
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: 1_209_600,
      next: "b",
      timeoutNext: "done",
    },
    b: {
      type: "branch",
      arms: [
        {
          id: "a",
          label: "A",
          next: "done",
          condition: {
            type: "any",
            conditions: [{ type: "not", condition: { type: "event", event: "x", since: { within: 7_200 } } }],
          },
        },
      ],
      else: { next: "done" },
    },
    done: { type: "exit" },
  },
});

describe("migrateJourney", () => {
  it("M1: the chain has one migration per version below the current one, in order", () => {
    expect(JOURNEY_MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i));
  });

  it("M1/M3: version 0 becomes version 1: steps listed with their keys as ids, durations as text", () => {
    const input = deepFreeze(v0());
    const result = migrateJourney(input);
    expect(result.from).toBe(0);
    expect(result.to).toBe(1);
    expect(result.applied).toEqual(["0-to-1-step-list-and-duration-text"]);
    const document = result.document as Record<string, unknown>;
    expect(Object.keys(document)[0]).toBe("schemaVersion");
    expect(document).toMatchObject({
      schemaVersion: 1,
      settings: { reentryAfter: "4w2d", goal: { within: "1w" } },
      steps: [
        { id: "start", trigger: { every: "1d" } },
        { id: "hello", expiresAfter: "1h30m" },
        { id: "hero", for: "1h" },
        { id: "pause", wait: { duration: "1m30s" } },
        { id: "login", timeout: "2w" },
        { id: "b", arms: [{ condition: { conditions: [{ condition: { since: { within: "2h" } } }] } }] },
        { id: "done", type: "exit" },
      ],
    });
    expect(JourneyDocument.safeParse(document).success).toBe(true);
  });

  it("M1: the input is never changed (it is frozen here) and is still version 0 afterwards", () => {
    const input = deepFreeze(v0());
    migrateJourney(input);
    expect(input.steps.pause.wait.duration).toBe(90);
    expect("schemaVersion" in input).toBe(false);
  });

  it("M3: durations that are not whole positive seconds become text the validator rejects", () => {
    const result = migrateJourney({
      name: "x",
      steps: [{ id: "w", type: "wait", wait: { type: "duration", duration: 1.5 }, next: null }],
    });
    expect((result.document as { steps: Array<{ wait: { duration: unknown } }> }).steps[0]?.wait.duration).toBe("1.5s");
  });

  it("M2: a current document is returned as it is, with nothing applied", () => {
    const document = rawJourney([trigger("t", "x"), exit("x")]);
    const result = migrateJourney(document);
    expect(result).toEqual({ document, from: 1, to: 1, applied: [] });
    expect(result.document).toBe(document);
  });

  it("M4: newer and unrecognisable documents are returned as they are", () => {
    const newer = { schemaVersion: 7, name: "future" };
    expect(migrateJourney(newer)).toEqual({ document: newer, from: 7, to: 7, applied: [] });
    expect(migrateJourney("nope")).toEqual({ document: "nope", from: null, to: CURRENT_SCHEMA_VERSION, applied: [] });
    expect(schemaVersionOf({ schemaVersion: -1 })).toBeNull();
    expect(schemaVersionOf({ schemaVersion: "1" })).toBeNull();
    expect(schemaVersionOf([])).toBeNull();
    expect(schemaVersionOf({})).toBe(0);
  });
});
