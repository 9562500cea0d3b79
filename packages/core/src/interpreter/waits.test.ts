import { describe, expect, it } from "vitest";
import {
  actionSteps,
  customer,
  DAY,
  drive,
  email,
  enter,
  event,
  exit,
  HOUR,
  MINUTE,
  start,
  T0,
  trigger,
  version,
  wait,
  waitFor,
  waitTime,
  waitUntil,
} from "../../test/builders.ts";
import { advance } from "./advance.ts";
import { nextTimeOfDay } from "./time-of-day.ts";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

describe("waits", () => {
  it("I11: a duration wait wakes exactly at now + duration and then continues", () => {
    const v = version([trigger("t", "w"), wait("w", "1d12h", "after"), email("after", null)]);
    const started = start(v, customer(), T0);
    expect(started.wakeAt).toBe(T0 + DAY + 12 * HOUR);
    const woken = advance(v, started.instance, { type: "timer" }, customer(), T0 + DAY + 12 * HOUR);
    expect(actionSteps(woken)).toEqual(["after"]);
    expect(woken.transitions[0]).toMatchObject({ stepId: "w", outcome: "next" });
  });

  it("I12: a date wait waits until the date", () => {
    const v = version([trigger("t", "w"), waitUntil("w", "2025-02-01T09:00:00+01:00", "after"), email("after", null)]);
    const started = start(v, customer(), T0);
    expect(iso(started.wakeAt)).toBe("2025-02-01T08:00:00.000Z");
    expect(started.instance.status).toBe("waiting");
  });

  it("I12: a date that has passed continues at once", () => {
    const v = version([trigger("t", "w"), waitUntil("w", "2024-12-31T00:00:00Z", "after"), email("after", null)]);
    const started = start(v, customer(), T0);
    expect(actionSteps(started)).toEqual(["after"]);
    expect(started.wakeAt).toBeNull();
    expect(started.transitions).toContainEqual(expect.objectContaining({ stepId: "w", outcome: "next" }));
  });

  describe("I13: time of day in the customer's time zone", () => {
    const at = (time: string, tz: string | undefined, now = T0, days?: number[], settings = {}) => {
      const v = version([trigger("t", "w"), waitTime("w", time, "after", days), email("after", null)], settings);
      return iso(start(v, customer("c1", tz === undefined ? {} : { timezone: tz }), now).wakeAt);
    };

    it("I13: waits for the next 09:00 in the customer's zone (T0 is 07:00 in New York)", () => {
      expect(at("09:00", "America/New_York")).toBe("2025-01-06T14:00:00.000Z");
      expect(at("06:00", "America/New_York")).toBe("2025-01-07T11:00:00.000Z");
    });

    it("I13: the time is strictly after now: at 09:00 sharp the next one is tomorrow", () => {
      expect(at("12:00", "UTC", T0)).toBe("2025-01-07T12:00:00.000Z");
      expect(at("12:01", "UTC", T0)).toBe("2025-01-06T12:01:00.000Z");
    });

    it("I13: only on the given weekdays (T0 is a Monday)", () => {
      expect(at("09:00", "America/New_York", T0, [3])).toBe("2025-01-08T14:00:00.000Z");
      expect(at("13:00", "UTC", T0, [1])).toBe("2025-01-06T13:00:00.000Z");
      expect(at("11:00", "UTC", T0, [1])).toBe("2025-01-13T11:00:00.000Z");
    });

    it("I13: no time zone, or one that does not exist, falls back to the journey's default", () => {
      expect(at("09:00", undefined, T0, undefined, { defaultTimezone: "Europe/Paris" })).toBe(
        "2025-01-07T08:00:00.000Z",
      );
      expect(at("09:00", "Mars/Olympus", T0, undefined, { defaultTimezone: "Asia/Tokyo" })).toBe(
        "2025-01-07T00:00:00.000Z",
      );
      expect(at("09:00", undefined)).toBe("2025-01-07T09:00:00.000Z");
    });

    it("I13: the time zone comes from the attribute the settings name", () => {
      const v = version([trigger("t", "w"), waitTime("w", "09:00", "after"), email("after", null)], {
        timezoneAttribute: "tz",
      });
      expect(iso(start(v, customer("c1", { tz: "Asia/Tokyo", timezone: "America/New_York" }), T0).wakeAt)).toBe(
        "2025-01-07T00:00:00.000Z",
      );
    });

    it("I13: a time skipped by the clocks going forward moves forward by the jump, in every zone (bug: New York gave 01:30)", () => {
      expect(iso(nextTimeOfDay(Date.parse("2024-03-10T05:00:00Z"), "02:30", "America/New_York"))).toBe(
        "2024-03-10T07:30:00.000Z",
      );
      expect(iso(nextTimeOfDay(Date.parse("2024-03-30T23:00:00Z"), "02:30", "Europe/Berlin"))).toBe(
        "2024-03-31T01:30:00.000Z",
      );
      expect(iso(nextTimeOfDay(Date.parse("2024-10-05T10:00:00Z"), "02:15", "Australia/Lord_Howe"))).toBe(
        "2024-10-05T15:45:00.000Z",
      );
    });

    it("I13: a time that happens twice (clocks going back) is its first occurrence", () => {
      expect(iso(nextTimeOfDay(Date.parse("2024-11-03T03:00:00Z"), "01:30", "America/New_York"))).toBe(
        "2024-11-03T05:30:00.000Z",
      );
      expect(iso(nextTimeOfDay(Date.parse("2024-10-27T00:00:00Z"), "02:30", "Europe/Berlin"))).toBe(
        "2024-10-27T00:30:00.000Z",
      );
    });

    it("I13: days around a change of offset keep their local time", () => {
      expect(iso(nextTimeOfDay(Date.parse("2024-03-09T16:00:00Z"), "09:00", "America/New_York"))).toBe(
        "2024-03-10T13:00:00.000Z",
      );
      expect(iso(nextTimeOfDay(Date.parse("2024-03-08T20:00:00Z"), "09:00", "America/New_York"))).toBe(
        "2024-03-09T14:00:00.000Z",
      );
    });
  });

  describe("I14: wait for an event, two exits", () => {
    const v = version([
      trigger("t", "w"),
      {
        id: "w",
        type: "wait-for-event",
        events: [
          { event: "portal.login" },
          { event: "content.viewed", where: [{ property: "kind", op: "eq", value: "article" }] },
        ],
        timeout: "7d",
        next: "engaged",
        timeoutNext: "followup",
      },
      email("engaged", "done"),
      email("followup", "done"),
      exit("done"),
    ]);

    it("I14: starts waiting for the events, at most the timeout", () => {
      const started = start(v);
      expect(started.instance.waiting).toEqual({
        type: "event",
        events: ["portal.login", "content.viewed"],
        until: T0 + 7 * DAY,
      });
      expect(started.wakeAt).toBe(T0 + 7 * DAY);
    });

    it("I14: the event before the deadline takes the event exit", () => {
      const outcome = advance(
        v,
        start(v).instance,
        { type: "event", event: event("portal.login", T0 + DAY) },
        customer(),
        T0 + DAY,
      );
      expect(actionSteps(outcome)).toEqual(["engaged"]);
      expect(outcome.transitions[0]).toMatchObject({ stepId: "w", outcome: "event" });
      expect(outcome.instance.status).toBe("completed");
    });

    it("I14: a listed event whose properties do not match, or another event, changes nothing", () => {
      const waiting = start(v).instance;
      const video = advance(
        v,
        waiting,
        { type: "event", event: event("content.viewed", T0 + DAY, { kind: "video" }) },
        customer(),
        T0 + DAY,
      );
      expect(video.instance).toEqual(waiting);
      const other = advance(
        v,
        waiting,
        { type: "event", event: event("email.opened", T0 + DAY) },
        customer(),
        T0 + DAY,
      );
      expect(other.instance).toEqual(waiting);
      const article = advance(
        v,
        waiting,
        { type: "event", event: event("content.viewed", T0 + DAY, { kind: "article" }) },
        customer(),
        T0 + DAY,
      );
      expect(actionSteps(article)).toEqual(["engaged"]);
    });

    it("I14: the deadline takes the timeout exit; an earlier timer does not", () => {
      const [early, due] = drive(v, start(v).instance, [
        { input: { type: "timer" }, at: T0 + 7 * DAY - MINUTE },
        { input: { type: "timer" }, at: T0 + 7 * DAY },
      ]);
      expect(early!.actions).toEqual([]);
      expect(actionSteps(due!)).toEqual(["followup"]);
      expect(due!.transitions[0]).toMatchObject({ stepId: "w", outcome: "timeout" });
    });

    it("I14: once the event exit is taken, a later timer changes nothing", () => {
      const [, , stale] = drive(v, enter(v), [
        { input: { type: "start" }, at: T0 },
        { input: { type: "event", event: event("portal.login", T0 + DAY) }, at: T0 + DAY },
        { input: { type: "timer" }, at: T0 + 7 * DAY },
      ]);
      expect(stale!.actions).toEqual([]);
      expect(stale!.transitions).toEqual([]);
    });

    it("I14: wait-for-event built with the helper has both exits", () => {
      const simple = version([
        trigger("t", "w"),
        waitFor("w", ["a"], "1h", "yes", "no"),
        email("yes", null),
        email("no", null),
      ]);
      const timedOut = advance(simple, start(simple).instance, { type: "timer" }, customer(), T0 + HOUR);
      expect(actionSteps(timedOut)).toEqual(["no"]);
    });
  });
});
