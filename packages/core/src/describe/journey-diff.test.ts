import { describe, expect, it } from "vitest";
import { diffJourneys, sameJson } from "./journey-diff.ts";

const MJML = "<mjml><mj-body></mj-body></mjml>";

const RUNNING = {
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Signed up",
      trigger: { type: "event", event: "user.signed_up" },
      next: "mail",
    },
    { id: "mail", type: "email", name: "Welcome", subject: "Hi", body: MJML, next: "pause", position: { x: 0, y: 0 } },
    { id: "pause", type: "wait", name: "A day", wait: { type: "duration", duration: "1d" }, next: "done" },
    { id: "done", type: "exit", name: "Done" },
  ],
};

type Doc = typeof RUNNING & { steps: Array<Record<string, unknown>> };

function at(doc: Doc, index: number): Record<string, unknown> {
  const step = doc.steps[index];
  if (!step) throw new Error(`no step ${index}`);
  return step;
}

function edited(change: (doc: Doc) => void): Doc {
  const copy = structuredClone(RUNNING) as Doc;
  change(copy);
  return copy;
}

describe("the diff of a draft against the running version", () => {
  it("says a journey never published is new, every step added, in words", () => {
    const diff = diffJourneys(null, RUNNING);
    expect(diff.isNew).toBe(true);
    expect(diff.added.map((s) => s.id)).toEqual(["start", "mail", "pause", "done"]);
    expect(diff.lines[0]).toBe("New journey: no version is running yet");
    expect(diff.settings).toEqual([]);
    expect(diff.lines).toContain("Added Email 'Welcome': Sends email 'Hi'");
    expect(diff.lines).toContain("Added Wait 'A day': Waits 1 day");
  });

  it("finds nothing when only positions moved (and defaults filled on one side are no change)", () => {
    const draft = edited((doc) => {
      at(doc, 1).position = { x: 300, y: 40 };
      Object.assign(doc.settings, { allowConcurrentEntries: false });
    });
    const diff = diffJourneys(RUNNING, draft);
    expect(diff.changed).toEqual([]);
    expect(diff.settings).toEqual([]);
    expect(diff.lines).toEqual(["No changes from the running version"]);
  });

  it("names each changed field with before and after, and nested fields by their path", () => {
    const draft = edited((doc) => {
      at(doc, 1).subject = "Welcome aboard";
      at(doc, 2).wait = { type: "duration", duration: "2d" };
    });
    const diff = diffJourneys(RUNNING, draft);
    expect(diff.changed).toEqual([
      {
        id: "mail",
        type: "email",
        name: "Welcome",
        fields: [{ field: "subject", before: "Hi", after: "Welcome aboard" }],
      },
      { id: "pause", type: "wait", name: "A day", fields: [{ field: "wait.duration", before: "1d", after: "2d" }] },
    ]);
    expect(diff.lines).toEqual([
      "Email 'Welcome': subject changed from 'Hi' to 'Welcome aboard'",
      "Wait 'A day': wait duration changed from '1 day' to '2 days'",
    ]);
  });

  it("lists steps added and removed, and links by the names of the steps they point to", () => {
    const draft = edited((doc) => {
      doc.steps.splice(2, 1);
      at(doc, 1).next = "sms";
      doc.steps.splice(2, 0, { id: "sms", type: "sms", name: "Nudge", text: "Come back", next: "done" });
    });
    const diff = diffJourneys(RUNNING, draft);
    expect(diff.added).toEqual([{ id: "sms", type: "sms", name: "Nudge" }]);
    expect(diff.removed).toEqual([{ id: "pause", type: "wait", name: "A day" }]);
    expect(diff.lines).toContain("Removed Wait 'A day'");
    expect(diff.lines.some((l) => l.startsWith("Added SMS 'Nudge'"))).toBe(true);
    expect(diff.lines).toContain("Email 'Welcome': next step changed from 'A day' to 'Nudge'");
  });

  it("reports the journey's name and settings: re-entry, goal, exit criteria", () => {
    const draft = edited((doc) => {
      doc.name = "Welcome v2";
      Object.assign(doc.settings, {
        reentry: "always",
        goal: { event: "purchase.completed", within: "14d" },
        exitCriteria: [{ event: "account.cancelled" }],
      });
    });
    const diff = diffJourneys(RUNNING, draft);
    expect(diff.name).toEqual({ field: "name", before: "Welcome", after: "Welcome v2" });
    expect(diff.settings.map((c) => c.field).sort()).toEqual(["exitCriteria", "goal", "reentry"]);
    expect(diff.lines).toEqual([
      "Journey renamed from 'Welcome' to 'Welcome v2'",
      "Settings: reentry changed from 'never' to 'always'",
      "Exit criteria changed from 'none' to 'Leaves the journey on Account cancelled'",
      "Goal changed from none to 'Converted' when Purchase completed within 14 days of entering",
    ]);
  });

  it("says a field set or removed, and a step renamed by its new name", () => {
    const draft = edited((doc) => {
      at(doc, 1).name = "Hello";
      at(doc, 3).note = "ends here";
    });
    expect(diffJourneys(RUNNING, draft).lines).toEqual([
      "Email 'Hello': name changed from 'Welcome' to 'Hello'",
      "Exit 'Done': note set to 'ends here'",
    ]);
  });

  it("compares JSON whatever the order of keys", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
