import { describe, expect, it } from "vitest";
import {
  actionSteps,
  customer,
  DAY,
  deepFreeze,
  drive,
  email,
  enter,
  event,
  exit,
  goal,
  HOUR,
  start,
  T0,
  trigger,
  version,
  wait,
  waitFor,
} from "../../test/builders.ts";
import { advance, MAX_STEPS_PER_RUN } from "./advance.ts";

/** trigger → welcome email → wait 2 days → tips email → exit. */
const onboarding = () =>
  version([
    trigger("t", "welcome"),
    email("welcome", "pause"),
    wait("pause", "2d", "tips"),
    email("tips", "done"),
    exit("done"),
  ]);

describe("advance: runs, keys and timers", () => {
  it("I1: the same arguments give a deep-equal outcome, and nothing passed in is changed", () => {
    const v = onboarding();
    deepFreeze(v.document);
    const facts = deepFreeze(customer("c1", { plan: "pro" }));
    const instance = deepFreeze(enter(v, facts));
    const first = advance(v, instance, { type: "start" }, facts, T0);
    const again = advance(v, instance, { type: "start" }, facts, T0);
    expect(again).toEqual(first);
    expect(instance.seq).toBe(0);
    expect(instance.status).toBe("active");
    const timer = deepFreeze(first.instance);
    expect(advance(v, timer, { type: "timer" }, facts, T0 + 2 * DAY)).toEqual(
      advance(v, timer, { type: "timer" }, facts, T0 + 2 * DAY),
    );
  });

  it("I2: start runs step after step in one call until the first wait", () => {
    const outcome = start(onboarding());
    expect(actionSteps(outcome)).toEqual(["welcome"]);
    expect(outcome.steps).toBe(3);
    expect(outcome.instance).toMatchObject({
      status: "waiting",
      stepId: "pause",
      seq: 3,
      waiting: { type: "time", until: T0 + 2 * DAY },
    });
    expect(outcome.transitions.map((t) => [t.stepId, t.outcome])).toEqual([
      ["t", "next"],
      ["welcome", "next"],
      ["pause", "waiting"],
    ]);
  });

  it("I2: the timer continues the run to the end of the journey", () => {
    const v = onboarding();
    const [, woken] = drive(v, enter(v), [
      { input: { type: "start" }, at: T0 },
      { input: { type: "timer" }, at: T0 + 2 * DAY },
    ]);
    expect(actionSteps(woken!)).toEqual(["tips"]);
    expect(woken!.steps).toBe(2);
    expect(woken!.instance).toMatchObject({ status: "completed", stepId: "done", waiting: null });
    expect(woken!.transitions.map((t) => [t.stepId, t.kind, t.outcome])).toEqual([
      ["pause", "step", "next"],
      ["tips", "step", "next"],
      ["done", "complete", "completed"],
    ]);
  });

  it("I3: action keys are instance:step:seq and are identical when a run is replayed", () => {
    const v = onboarding();
    const first = start(v);
    const replay = start(v);
    expect(first.actions.map((a) => a.key)).toEqual(["i-c1:welcome:2"]);
    expect(replay.actions.map((a) => a.key)).toEqual(first.actions.map((a) => a.key));
  });

  it("I3: a later visit to the same step gets a new key", () => {
    const v = version([trigger("t", "nudge"), email("nudge", "pause"), wait("pause", "1d", "nudge")]);
    const outcomes = drive(v, enter(v), [
      { input: { type: "start" }, at: T0 },
      { input: { type: "timer" }, at: T0 + DAY },
      { input: { type: "timer" }, at: T0 + 2 * DAY },
    ]);
    const keys = outcomes.flatMap((o) => o.actions.map((a) => a.key));
    expect(keys).toEqual(["i-c1:nudge:2", "i-c1:nudge:4", "i-c1:nudge:6"]);
  });

  it("I4: an early timer changes nothing", () => {
    const v = onboarding();
    const waiting = start(v).instance;
    const early = advance(v, waiting, { type: "timer" }, customer(), T0 + 2 * DAY - 1);
    expect(early.instance).toEqual(waiting);
    expect(early.actions).toEqual([]);
    expect(early.transitions).toEqual([]);
    expect(early.steps).toBe(0);
    expect(early.wakeAt).toBe(T0 + 2 * DAY);
  });

  it("I4: a stale timer (the instance is not waiting) changes nothing", () => {
    const v = onboarding();
    const notStarted = enter(v);
    const stale = advance(v, notStarted, { type: "timer" }, customer(), T0 + 5 * DAY);
    expect(stale.instance).toEqual(notStarted);
    expect(stale.actions).toEqual([]);
    expect(stale.wakeAt).toBeNull();
  });

  it("I5: an event handled after the wait's deadline ends the wait first, then is handled", () => {
    const v = version(
      [
        trigger("t", "w"),
        waitFor("w", ["portal.login"], "7d", "engaged", "followup"),
        email("engaged", "done"),
        email("followup", "done"),
        exit("done"),
      ],
      {},
    );
    const waiting = start(v).instance;
    const late = advance(
      v,
      waiting,
      { type: "event", event: event("portal.login", T0 + 8 * DAY) },
      customer(),
      T0 + 8 * DAY,
    );
    expect(actionSteps(late)).toEqual(["followup"]);
    expect(late.transitions[0]).toMatchObject({ stepId: "w", outcome: "timeout" });
  });

  it("I5: an event that happened inside the window but is handled after the deadline (a lagging worker) takes the event exit", () => {
    const v = version(
      [
        trigger("t", "w"),
        waitFor("w", ["portal.login"], "7d", "engaged", "followup"),
        email("engaged", "done"),
        email("followup", "done"),
        exit("done"),
      ],
      {},
    );
    const waiting = start(v).instance;
    const lagging = advance(
      v,
      waiting,
      { type: "event", event: event("portal.login", T0 + 6 * DAY) },
      customer(),
      T0 + 9 * DAY,
    );
    expect(actionSteps(lagging)).toEqual(["engaged"]);
    expect(lagging.transitions[0]).toMatchObject({ stepId: "w", outcome: "event" });
    // At the deadline exactly, the timeout still goes first.
    const onTheDot = advance(
      v,
      waiting,
      { type: "event", event: event("portal.login", T0 + 7 * DAY) },
      customer(),
      T0 + 9 * DAY,
    );
    expect(actionSteps(onTheDot)).toEqual(["followup"]);
  });

  it("I5: a due duration wait runs before an exit criterion is applied", () => {
    const v = version(
      [
        trigger("t", "pause"),
        wait("pause", "2d", "tips"),
        email("tips", "later"),
        wait("later", "5d", "done"),
        exit("done"),
      ],
      {
        exitCriteria: [{ event: "account.cancelled" }],
      },
    );
    const waiting = start(v).instance;
    const outcome = advance(
      v,
      waiting,
      { type: "event", event: event("account.cancelled", T0 + 3 * DAY) },
      customer(),
      T0 + 3 * DAY,
    );
    expect(actionSteps(outcome)).toEqual(["tips"]);
    expect(outcome.instance.status).toBe("exited");
  });

  it("I6: a completed or exited instance ignores every input", () => {
    const v = onboarding();
    const done = { ...start(v).instance, status: "completed" as const, waiting: null };
    for (const input of [
      { type: "start" } as const,
      { type: "timer" } as const,
      { type: "event", event: event("signup", T0) } as const,
    ]) {
      const outcome = advance(v, done, input, customer(), T0 + 9 * DAY);
      expect(outcome.instance).toEqual(done);
      expect(outcome.actions).toEqual([]);
    }
    const exited = { ...done, status: "exited" as const };
    expect(advance(v, exited, { type: "timer" }, customer(), T0 + 9 * DAY).instance).toEqual(exited);
  });

  it("I6: a repeated start does not run the steps again nor restart the wait (bug: it re-sent the email and moved the wait)", () => {
    const v = onboarding();
    const waiting = start(v).instance;
    const again = advance(v, waiting, { type: "start" }, customer(), T0 + HOUR);
    expect(again.actions).toEqual([]);
    expect(again.instance).toEqual(waiting);
    expect(again.wakeAt).toBe(T0 + 2 * DAY);
  });

  it("I7: an exit criterion ends the instance wherever it is, and only when its conditions match", () => {
    const v = version([trigger("t", "pause"), wait("pause", "7d", "tips"), email("tips", null)], {
      exitCriteria: [{ event: "account.cancelled", where: [{ property: "reason", op: "eq", value: "closed" }] }],
    });
    const waiting = start(v).instance;
    const other = advance(
      v,
      waiting,
      { type: "event", event: event("account.cancelled", T0 + DAY, { reason: "paused" }) },
      customer(),
      T0 + DAY,
    );
    expect(other.instance).toEqual(waiting);
    const left = advance(
      v,
      waiting,
      { type: "event", event: event("account.cancelled", T0 + DAY, { reason: "closed" }) },
      customer(),
      T0 + DAY,
    );
    expect(left.instance).toMatchObject({
      status: "exited",
      waiting: null,
      exitReason: "exit criterion: account.cancelled",
    });
    expect(left.wakeAt).toBeNull();
    expect(left.actions).toEqual([]);
    expect(left.transitions).toEqual([expect.objectContaining({ kind: "exit", stepId: "pause" })]);
  });

  it("I8: a goal event within the window converts once; outside it nothing happens", () => {
    const v = version([trigger("t", "pause"), wait("pause", "30d", null)], {
      goal: { name: "Bought", event: "purchase", within: "7d" },
    });
    const waiting = start(v).instance;
    const [converted, second] = drive(v, waiting, [
      { input: { type: "event", event: event("purchase", T0 + 3 * DAY) }, at: T0 + 3 * DAY },
      { input: { type: "event", event: event("purchase", T0 + 4 * DAY) }, at: T0 + 4 * DAY },
    ]);
    expect(converted!.instance).toMatchObject({ converted: true, status: "waiting" });
    expect(converted!.transitions).toEqual([expect.objectContaining({ kind: "goal", outcome: "Bought" })]);
    expect(second!.transitions).toEqual([]);
    const late = advance(
      v,
      waiting,
      { type: "event", event: event("purchase", T0 + 8 * DAY) },
      customer(),
      T0 + 8 * DAY,
    );
    expect(late.instance.converted).toBe(false);
  });

  it("I8: a goal with exit: true makes the customer leave", () => {
    const v = version([trigger("t", "pause"), wait("pause", "30d", null)], { goal: { event: "purchase", exit: true } });
    const outcome = advance(
      v,
      start(v).instance,
      { type: "event", event: event("purchase", T0 + DAY) },
      customer(),
      T0 + DAY,
    );
    expect(outcome.instance).toMatchObject({ converted: true, status: "exited" });
  });

  it("I9: a goal step converts and continues; with exit: true it completes there", () => {
    const going = start(version([trigger("t", "g"), goal("g", "Activated", { next: "after" }), email("after", null)]));
    expect(going.instance).toMatchObject({ converted: true, status: "completed" });
    expect(actionSteps(going)).toEqual(["after"]);
    expect(going.transitions).toContainEqual(
      expect.objectContaining({ kind: "goal", outcome: "Activated", stepId: "g" }),
    );
    const ending = start(
      version([trigger("t", "g"), goal("g", "Activated", { exit: true, next: "after" }), email("after", null)]),
    );
    expect(ending.instance).toMatchObject({ converted: true, status: "completed", stepId: "g" });
    expect(ending.actions).toEqual([]);
  });

  it("I10: an exit step completes; no next step completes; a missing step exits with the reason", () => {
    expect(start(version([trigger("t", "x"), exit("x")])).instance).toMatchObject({ status: "completed", stepId: "x" });
    expect(start(version([trigger("t", "e"), email("e", null)])).instance).toMatchObject({
      status: "completed",
      stepId: "e",
    });
    const broken = start(version([trigger("t", "e"), email("e", "nowhere")]));
    expect(broken.instance).toMatchObject({ status: "exited", exitReason: "step nowhere does not exist" });
    expect(actionSteps(broken)).toEqual(["e"]);
  });

  it("I19: a loop without a wait is cut off after MAX_STEPS_PER_RUN steps", () => {
    const outcome = start(version([trigger("t", "a"), email("a", "b"), email("b", "a")]));
    expect(outcome.steps).toBe(MAX_STEPS_PER_RUN);
    expect(outcome.instance.status).toBe("exited");
    expect(outcome.instance.exitReason).toContain("without a wait");
  });

  it("I20: wakeAt is the end of the wait; updatedAt moves only when something happened", () => {
    const v = onboarding();
    const first = start(v, customer(), T0);
    expect(first.wakeAt).toBe(T0 + 2 * DAY);
    expect(first.instance.updatedAt).toBe(T0);
    const nothing = advance(
      v,
      first.instance,
      { type: "event", event: event("unrelated", T0 + HOUR) },
      customer(),
      T0 + HOUR,
    );
    expect(nothing.instance.updatedAt).toBe(T0);
    const woken = advance(v, first.instance, { type: "timer" }, customer(), T0 + 2 * DAY);
    expect(woken.instance.updatedAt).toBe(T0 + 2 * DAY);
    expect(woken.wakeAt).toBeNull();
  });
});
