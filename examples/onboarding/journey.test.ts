import { JourneyDocument, type StepOf, validateJourney } from "@overture/core";
import { describe, expect, it } from "vitest";
import { opensAsBlocks } from "../../packages/editor/src/panel/email-blocks/email-blocks.ts";
import journeyJson from "./journey.json" with { type: "json" };

const journey = JourneyDocument.parse(journeyJson);
const step = (id: string) => journey.steps.find((s) => s.id === id);

describe("examples/onboarding/journey.json", () => {
  it("is a schema version 1 journey document", () => {
    expect(journey.schemaVersion).toBe(1);
    expect(journey.steps.length).toBe(19);
    expect(new Set(journey.steps.map((s) => s.id)).size).toBe(journey.steps.length);
  });

  it("starts on purchase.completed, once per customer, leaves on account.cancelled and counts activation", () => {
    expect(step("purchase")).toMatchObject({
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
    });
    expect(journey.settings).toMatchObject({
      reentry: "never",
      exitCriteria: [{ event: "account.cancelled" }],
      goal: { name: "Activated", event: "feature.activated", exit: false },
    });
  });

  it("welcomes by email and in the portal and personalizes the dashboard for 14 days", () => {
    expect(step("welcome-email")).toMatchObject({ type: "email", next: "portal-welcome" });
    expect((step("welcome-email") as StepOf<"email">).body).toContain("{{ customer.firstName | default: 'there' }}");
    expect(step("portal-welcome")).toMatchObject({ type: "notification", next: "dashboard-hero" });
    expect(step("dashboard-hero")).toMatchObject({
      type: "personalize",
      slot: "dashboard.hero",
      contentId: "onboarding-hero",
      for: "14d",
    });
  });

  it("keeps every email as blocks, so each opens in the editor's block editor (issue 15, defect 8)", () => {
    const emails = journey.steps.filter((s): s is StepOf<"email"> => s.type === "email");
    expect(emails.length).toBe(6);
    for (const email of emails)
      expect({ id: email.id, blocks: opensAsBlocks(email) }).toEqual({ id: email.id, blocks: true });
  });

  it("waits for a login or a content view for 7 days, with an exit for each outcome", () => {
    expect(step("wait-for-engagement")).toMatchObject({
      type: "wait-for-event",
      events: [{ event: "portal.login" }, { event: "content.viewed" }],
      timeout: "7d",
      next: "dwell-1d",
      timeoutNext: "follow-up-1",
    });
    expect(step("recommend-content")).toMatchObject({
      type: "recommend",
      count: 3,
      into: "recommendations",
      next: "recommendations-email",
    });
    expect((step("recommendations-email") as StepOf<"email">).body).toMatch(
      /{%\s*for item in recommendations\.items\s*%}/,
    );
  });

  it("texts the not-engaged customers who gave a mobile number and opted in to SMS, then rejoins the follow-ups", () => {
    expect(step("follow-up-1")).toMatchObject({ type: "email", next: "can-text" });
    expect(step("can-text")).toMatchObject({
      type: "branch",
      arms: [
        {
          condition: {
            type: "all",
            conditions: [
              { type: "attribute", attribute: "phone", op: "exists" },
              { type: "attribute", attribute: "consent.sms", op: "eq", value: true },
            ],
          },
          next: "sms-reminder",
        },
      ],
      else: { next: "wait-3d" },
    });
    const sms = step("sms-reminder") as { type: string; body?: string; next?: string | null } | undefined;
    expect(sms).toMatchObject({ type: "sms", next: "wait-3d" });
    // Addressed by name with a fallback (a variable without a default is required), one GSM-7 segment, opt-out said.
    expect(sms?.body).toContain("{{ customer.firstName | default: 'there' }}");
    expect(sms?.body).toMatch(/Reply STOP/);
    expect(sms?.body?.replace("{{ customer.firstName | default: 'there' }}", "Bartholomew").length).toBeLessThan(160);
  });

  it("follows every path to an exit step", () => {
    const walk = (from: string): string[] => {
      const s = step(from);
      if (!s) throw new Error(`missing step ${from}`);
      if (s.type === "exit") return [from];
      if (s.type === "wait-for-event") return [from, ...walk(s.next!), ...walk(s.timeoutNext!)];
      if (s.type === "branch") return [from, ...s.arms.flatMap((a) => walk(a.next!)), ...walk(s.else!.next!)];
      if (!("next" in s) || !s.next) throw new Error(`${from} has no next step`);
      return [from, ...walk(s.next)];
    };
    expect(new Set(walk("purchase"))).toEqual(new Set(journey.steps.map((s) => s.id)));
  });

  it("places every step on the canvas, top to bottom", () => {
    for (const s of journey.steps) expect(s.position, s.id).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    const y = (id: string) => step(id)?.position?.y ?? Number.NaN;
    expect(y("purchase")).toBeLessThan(y("welcome-email"));
    expect(y("wait-for-engagement")).toBeLessThan(y("follow-up-1"));
    expect(step("follow-up-1")?.position?.y).toBe(step("dwell-1d")?.position?.y);
    // The SMS sits beside the follow-up column, between its branch and the step both arms rejoin.
    expect(y("follow-up-1")).toBeLessThan(y("can-text"));
    expect(y("can-text")).toBeLessThan(y("sms-reminder"));
    expect(y("sms-reminder")).toBeLessThan(y("wait-3d"));
    expect(step("sms-reminder")?.position?.x).toBeLessThan(step("can-text")?.position?.x ?? Number.NaN);
  });

  it("has no validation problems, also against a catalog that lists its slot and content", () => {
    expect(validateJourney(journeyJson).problems).toEqual([]);
    const catalog = { slots: ["dashboard.hero", "sidebar.tip"], contentIds: ["onboarding-hero"] };
    expect(validateJourney(journeyJson, catalog)).toMatchObject({ valid: true, problems: [] });
  });
});
