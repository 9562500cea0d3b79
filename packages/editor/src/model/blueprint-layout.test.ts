import { readFileSync } from "node:fs";
import { type JourneyDocument, JourneyDocument as JourneyDocumentSchema } from "@overture/core";
import { describe, expect, it } from "vitest";
import { type BlueprintLayout, layoutBlueprint } from "./blueprint-layout.ts";

const onboarding = JourneyDocumentSchema.parse(
  JSON.parse(readFileSync(new URL("../../../../examples/onboarding/journey.json", import.meta.url), "utf8")),
);

/** Issue 15's renewal reminder: an event, an email, a wait for renewal; a goal, or a webhook, a notification and an email. */
const renewal = JourneyDocumentSchema.parse({
  schemaVersion: 1,
  name: "Renewal reminder",
  steps: [
    {
      id: "due",
      name: "Renewal due",
      type: "trigger",
      trigger: { type: "event", event: "subscription.renewal_due" },
      next: "remind",
    },
    { id: "remind", name: "Reminder email", type: "email", subject: "Your plan renews soon", next: "renewed" },
    {
      id: "renewed",
      name: "Renewed?",
      type: "wait-for-event",
      events: [{ event: "subscription.renewed" }],
      timeout: "3d",
      next: "won",
      timeoutNext: "billing",
    },
    { id: "won", name: "Renewed", type: "goal", goal: "Renewed", exit: true },
    { id: "billing", name: "Tell billing", type: "webhook", endpoint: "billing-team", next: "nudge" },
    { id: "nudge", name: "Portal nudge", type: "notification", title: "Renew your plan", next: "pause" },
    { id: "pause", type: "wait", wait: { type: "duration", duration: "2d" }, next: "last" },
    { id: "last", name: "Last reminder", type: "email", subject: "Last chance", next: "end" },
    { id: "end", type: "exit" },
  ],
});

const item = (layout: BlueprintLayout, id: string) => {
  const found = layout.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const band = (layout: BlueprintLayout, id: string) => layout.bands.find((b) => b.id === id)!;
const inBand = (layout: BlueprintLayout, id: string, row: string) => {
  const box = item(layout, id);
  const b = band(layout, row);
  return box.row === row && box.y >= b.y && box.y + box.height <= b.y + b.height;
};

describe("service blueprint layout (issue 15)", () => {
  const layout = layoutBlueprint(renewal, {
    endpointUrl: (name) => (name === "billing-team" ? "https://billing.example.com/hooks/renewal" : undefined),
  });

  it("puts each step in the lane a blueprint reader expects, inside the lane's band", () => {
    expect(inBand(layout, "due", "customer")).toBe(true);
    expect(inBand(layout, "renewed", "customer")).toBe(true);
    expect(inBand(layout, "won", "customer")).toBe(true);
    expect(inBand(layout, "remind", "frontstage")).toBe(true);
    expect(inBand(layout, "nudge", "frontstage")).toBe(true);
    expect(inBand(layout, "last", "frontstage")).toBe(true);
    expect(inBand(layout, "billing", "backstage")).toBe(true);
    expect(inBand(layout, "pause", "time")).toBe(true);
    expect(inBand(layout, "end", "time")).toBe(true);
    expect(layout.bands.map((b) => b.label)).toEqual([
      "Time",
      "Customer actions",
      "Frontstage",
      "Backstage",
      "Support processes",
    ]);
  });

  it("gives each webhook a support card for the workflow it starts, under it, named after its endpoint", () => {
    const support = item(layout, "support:billing");
    expect(inBand(layout, "support:billing", "support")).toBe(true);
    expect(support).toMatchObject({
      kind: "support",
      stepId: "billing",
      title: "Billing team",
      kindLabel: "Internal workflow",
    });
    expect(support.summary).toBe("Started by 'Tell billing' at billing.example.com");
    expect(support.x).toBe(item(layout, "billing").x);
    expect(layout.connections).toContainEqual({
      id: "billing:starts",
      from: "billing",
      to: "support:billing",
      label: "starts",
      kind: "starts",
    });
  });

  it("runs time left to right: a response shares its cause's column, anything after is further right", () => {
    const x = (id: string) => item(layout, id).x;
    expect(x("remind")).toBe(x("due"));
    expect(x("renewed")).toBeGreaterThan(x("remind"));
    expect(x("billing")).toBeGreaterThan(x("renewed"));
    expect(x("nudge")).toBeGreaterThan(x("billing"));
    expect(x("pause")).toBeGreaterThan(x("nudge"));
    expect(x("last")).toBeGreaterThan(x("pause"));
    expect(x("end")).toBeGreaterThan(x("last"));
  });

  it("labels the time axis with when customers get there at the earliest, and each wait with how long it is", () => {
    const timeOf = (id: string) => layout.columns[item(layout, id).column]!.time;
    expect(timeOf("due")).toBe("Day 0");
    // The goal and the webhook share a column: renewing any time before the timeout, or the timeout itself.
    expect(timeOf("won")).toBe("Day 0 – Day 3");
    expect(timeOf("billing")).toBe("Day 0 – Day 3");
    expect(timeOf("nudge")).toBe("Day 3");
    expect(timeOf("last")).toBe("Day 5");
    expect(item(layout, "pause").kindLabel).toBe("+2 days");
    expect(item(layout, "end").kindLabel).toBe("End");
  });

  it("draws the journey's links, folding waits into the line's label and leaving out lines into ends", () => {
    expect(layout.connections.filter((c) => c.kind === "flow")).toEqual([
      { id: "due:next", from: "due", to: "remind", label: "", kind: "flow" },
      { id: "remind:next", from: "remind", to: "renewed", label: "", kind: "flow" },
      { id: "renewed:next", from: "renewed", to: "won", label: "did it", kind: "flow" },
      { id: "renewed:timeout", from: "renewed", to: "billing", label: "not within 3 days", kind: "flow" },
      { id: "billing:next", from: "billing", to: "nudge", label: "", kind: "flow" },
      { id: "nudge:next", from: "nudge", to: "last", label: "after 2 days", kind: "flow" },
    ]);
  });

  it("draws the three lines between the lanes they separate", () => {
    expect(layout.lines.map((l) => [l.label, l.y])).toEqual([
      ["Line of interaction", band(layout, "frontstage").y],
      ["Line of visibility", band(layout, "backstage").y],
      ["Line of internal interaction", band(layout, "support").y],
    ]);
  });

  it("lays out the north-star journey with no two boxes overlapping, every step placed once", () => {
    const north = layoutBlueprint(onboarding);
    const steps = north.items.filter((i) => i.kind === "card" || i.kind === "marker");
    expect(steps.map((i) => i.id).sort()).toEqual(onboarding.steps.map((s) => s.id).sort());
    const overlaps: string[] = [];
    for (const [n, a] of north.items.entries())
      for (const b of north.items.slice(n + 1))
        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
          overlaps.push(`${a.id} × ${b.id}`);
    expect(overlaps).toEqual([]);
    const x = (id: string) => north.items.find((i) => i.id === id)!.x;
    // The timeout path is a week later than the login that would have ended the wait.
    expect(x("follow-up-1")).toBeGreaterThan(x("wait-for-engagement"));
    expect(x("follow-up-2")).toBeGreaterThan(x("follow-up-1"));
    expect(north.columns[north.items.find((i) => i.id === "follow-up-1")!.column]!.time).toContain("Day 10");
    expect(north.width).toBeGreaterThan(x("exit-engaged"));
    // A registered channel's step (the SMS reminder) is something the customer receives: frontstage, with its branch
    // backstage before it and the second follow-up after it.
    const sms = north.items.find((i) => i.id === "sms-reminder")!;
    expect(sms.row).toBe("frontstage");
    expect(north.items.find((i) => i.id === "can-text")!.row).toBe("backstage");
    expect(x("sms-reminder")).toBeGreaterThan(x("can-text"));
    expect(x("follow-up-2")).toBeGreaterThan(x("sms-reminder"));
  });

  it("shows the journey's goal and leave events as customer actions at any time, in a last column, linked to no step", () => {
    const settled = layoutBlueprint({
      ...renewal,
      settings: {
        ...renewal.settings,
        goal: { name: "Renewed", event: "subscription.renewed", within: "14d", exit: true },
        exitCriteria: [{ event: "account.cancelled" }],
      },
    });
    const goal = item(settled, "journey:goal");
    const leave = item(settled, "journey:leave-0");
    expect(goal).toMatchObject({
      kind: "journey",
      stepId: null,
      row: "customer",
      title: "Renewed",
      summary: "Counts when Subscription renewed within 14 days of entering, then leaves",
    });
    expect(leave).toMatchObject({
      kind: "journey",
      stepId: null,
      row: "customer",
      title: "Account cancelled",
      summary: "Leaves the journey on Account cancelled",
    });
    expect(goal.column).toBe(settled.columns.length - 1);
    expect(settled.columns[goal.column]!.time).toBe("Any time");
    expect(Math.max(...settled.items.filter((i) => i.stepId !== null).map((i) => i.x))).toBeLessThan(goal.x);
    expect(inBand(settled, "journey:goal", "customer") && inBand(settled, "journey:leave-0", "customer")).toBe(true);
    expect(layout.items.some((i) => i.kind === "journey")).toBe(false);
  });

  it("draws a branch as a backstage decision, its arms side by side in time (stacked, first arm on top) and labelled", () => {
    const branched = layoutBlueprint(
      JourneyDocumentSchema.parse({
        schemaVersion: 1,
        name: "Branched",
        steps: [
          { id: "start", type: "trigger", trigger: { type: "event", event: "signup" }, next: "plan" },
          {
            id: "plan",
            type: "branch",
            arms: [
              {
                id: "pro",
                label: "Pro",
                condition: { type: "attribute", attribute: "plan", op: "eq", value: "pro" },
                next: "pro-mail",
              },
            ],
            else: { label: "Everyone else", next: "free-mail" },
          },
          { id: "pro-mail", type: "email", subject: "Pro", next: "bye" },
          { id: "free-mail", type: "email", subject: "Free", next: "bye" },
          { id: "bye", type: "exit" },
        ],
      }),
    );
    expect(item(branched, "plan").row).toBe("backstage");
    const [pro, free] = [item(branched, "pro-mail"), item(branched, "free-mail")];
    expect(pro.column).toBe(free.column);
    expect(pro.column).toBeGreaterThan(item(branched, "plan").column);
    expect(pro.y).toBeLessThan(free.y);
    expect(inBand(branched, "pro-mail", "frontstage") && inBand(branched, "free-mail", "frontstage")).toBe(true);
    expect(branched.connections.filter((c) => c.from === "plan").map((c) => [c.to, c.label])).toEqual([
      ["pro-mail", "Pro"],
      ["free-mail", "Everyone else"],
    ]);
  });

  it("survives a loop back to an earlier step and steps nothing leads to", () => {
    const looped: JourneyDocument = {
      ...renewal,
      steps: [
        ...renewal.steps.map((s) => (s.id === "last" ? { ...s, next: "remind" } : s)),
        { id: "stray", type: "email", subject: "x", next: null },
      ],
    };
    const result = layoutBlueprint(looped);
    expect(result.items.filter((i) => i.kind === "card" || i.kind === "marker")).toHaveLength(looped.steps.length);
    expect(item(result, "last").x).toBeGreaterThan(item(result, "remind").x);
    expect(layoutBlueprint({ ...renewal, steps: [] }).items).toEqual([]);
  });
});
