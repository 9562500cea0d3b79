import type { Step } from "@overture/core";
import { describe, expect, it } from "vitest";
import { type DeliveryPolicy, durationWords, policyBadge, policyNotes } from "./policy-notes.ts";

const POLICY: DeliveryPolicy = {
  quietHours: { start: "21:00", end: "08:00", defaultTimezone: "Europe/Paris" },
  channels: {
    email: { cap: { max: 3, per: "7d" }, quietHours: true },
    notification: { cap: { max: 1, per: "1d" }, quietHours: false },
    webhook: { cap: null, quietHours: false },
  },
};
const email = {
  id: "e",
  type: "email",
  subject: "Hi",
  body: "<mjml></mjml>",
  next: null,
  position: { x: 0, y: 0 },
} as unknown as Step;
const notification = {
  id: "n",
  type: "notification",
  title: "Hi",
  body: "x",
  next: null,
  position: { x: 0, y: 0 },
} as unknown as Step;
const webhook = { id: "w", type: "webhook", endpoint: "crm", next: null, position: { x: 0, y: 0 } } as unknown as Step;
const wait = {
  id: "p",
  type: "wait",
  wait: { type: "duration", duration: "1d" },
  next: null,
  position: { x: 0, y: 0 },
} as unknown as Step;

describe("policyNotes", () => {
  it("says an email step is held by quiet hours and skipped over its cap, in words", () => {
    const notes = policyNotes(POLICY, email);
    expect(notes.map((n) => n.text)).toEqual([
      "Quiet hours 21:00–08:00 apply: sends in that window wait until 08:00 in the customer's time zone (Europe/Paris when they have none)",
      "Frequency cap 3 emails per 7 days: customers over it are skipped",
      "Customers whose consent.email is false are skipped",
    ]);
    expect(policyBadge(notes)).toBe("Quiet hours · cap");
  });

  it("leaves out quiet hours for a channel that does not observe them, and a cap of one is singular", () => {
    const notes = policyNotes(POLICY, notification);
    expect(notes.map((n) => n.code)).toEqual(["frequency_cap", "consent"]);
    expect(notes[0]?.text).toBe("Frequency cap 1 notification per day: customers over it are skipped");
    expect(policyBadge(notes)).toBe("Capped");
  });

  it("has no badge when nothing holds or caps (consent alone is only information)", () => {
    const notes = policyNotes(POLICY, webhook);
    expect(notes.map((n) => n.type)).toEqual(["info"]);
    expect(policyBadge(notes)).toBeNull();
  });

  it("no quiet hours in the workspace: an email that opts in is not held", () => {
    const notes = policyNotes({ ...POLICY, quietHours: null }, email);
    expect(notes.map((n) => n.code)).toEqual(["frequency_cap", "consent"]);
  });

  it("a cap of zero skips every send", () => {
    const notes = policyNotes({ ...POLICY, channels: { email: { cap: { max: 0, per: "1w" } } } }, email);
    expect(notes[0]?.text).toBe("Frequency cap 0 emails per week: every send is skipped");
  });

  it("a channel that needs opt-in skips everyone who did not say yes, and says so on the badge", () => {
    const notes = policyNotes({ quietHours: null, channels: { webhook: { optIn: true } } }, webhook);
    expect(notes).toEqual([
      {
        type: "skip",
        code: "consent",
        text: "Opt-in required: only customers whose consent.webhook is true get it; the others are skipped",
      },
    ]);
    expect(policyBadge(notes)).toBe("Opt-in only");
  });

  it("three rules keep the badge short enough for one line", () => {
    const notes = policyNotes(
      { ...POLICY, channels: { email: { cap: { max: 3, per: "7d" }, quietHours: true, optIn: true } } },
      email,
    );
    expect(policyBadge(notes)).toBe("Quiet · cap · opt-in");
  });

  it("steps that send nothing get no notes", () => {
    expect(policyNotes(POLICY, wait)).toEqual([]);
  });
});

describe("durationWords", () => {
  it("reads durations the way people say them", () => {
    expect(durationWords("7d")).toBe("7 days");
    expect(durationWords("1d")).toBe("day");
    expect(durationWords("1d12h")).toBe("1 day 12 hours");
    expect(durationWords("2w")).toBe("2 weeks");
  });
});
