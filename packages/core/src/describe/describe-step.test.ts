import { describe, expect, it } from "vitest";
import { Step, type StepOf } from "../model/step.ts";
import { describeStep } from "./describe-step.ts";
import { describeDuration, describeEvent, describeTemplateText, describeWeekdays } from "./describe-words.ts";

const step = (raw: Record<string, unknown>) => Step.parse({ id: "s", next: "n", ...raw });
const waitFor = (events: unknown[], timeout: string) =>
  step({ type: "wait-for-event", events, timeout, timeoutNext: "t" }) as StepOf<"wait-for-event">;

describe("describeStep", () => {
  it("describes waits for events with readable event names and durations", () => {
    expect(describeStep(waitFor([{ event: "portal.login" }], "7d"))).toBe("Waits until Portal login, at most 7 days");
    expect(describeStep(waitFor([{ event: "portal.login" }, { event: "content.viewed" }], "1d12h"))).toBe(
      "Waits until Portal login or Content viewed, at most 1 day 12 hours",
    );
    expect(
      describeStep(waitFor([{ event: "purchase", where: [{ property: "plan", op: "eq", value: "pro" }] }], "1w")),
    ).toBe('Waits until Purchase where plan is "pro", at most 1 week');
  });

  it("describes each kind of step", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: "trigger", trigger: { type: "event", event: "purchase.completed" } }, "Starts on Purchase completed"],
      [
        { type: "trigger", trigger: { type: "event", event: "signup", where: [{ property: "plan", op: "exists" }] } },
        "Starts on Signup where plan is set",
      ],
      [{ type: "trigger", trigger: { type: "api" } }, "Starts when called through the API"],
      [{ type: "trigger", trigger: { type: "schedule", every: "1d" } }, "Starts every 1 day for all customers"],
      [{ type: "email", subject: "Welcome to Acme", body: "<p>Hi</p>" }, "Sends email 'Welcome to Acme'"],
      [
        { type: "email", subject: "Welcome aboard, {{ customer.firstName }}!", body: "<p>Hi</p>" },
        "Sends email 'Welcome aboard, [first name]!'",
      ],
      [{ type: "email", templateId: "welcome-v2" }, "Sends email template 'welcome-v2'"],
      [{ type: "email" }, "Sends an email (no content yet)"],
      [
        { type: "notification", title: "Your dashboard is ready", expiresAfter: "3d" },
        "Shows portal notification 'Your dashboard is ready' for 3 days",
      ],
      [
        { type: "personalize", slot: "dashboard.hero", contentId: "onboarding-1", for: "2w" },
        "Shows 'onboarding-1' in slot dashboard.hero for 2 weeks",
      ],
      [{ type: "personalize", slot: "dashboard.hero", contentId: null }, "Clears slot dashboard.hero"],
      [{ type: "webhook", endpoint: "crm.onboard" }, "Calls webhook 'crm.onboard'"],
      [{ type: "wait", wait: { type: "duration", duration: "2d" } }, "Waits 2 days"],
      [
        { type: "wait", wait: { type: "until-date", date: "2025-01-31T09:00:00Z" } },
        "Waits until 2025-01-31 09:00 UTC",
      ],
      [
        { type: "wait", wait: { type: "until-date", date: "2025-01-31T09:30:15+01:00" } },
        "Waits until 2025-01-31 09:30:15 +01:00",
      ],
      [{ type: "wait", wait: { type: "time-of-day", time: "09:00" } }, "Waits until 09:00 in the customer's time zone"],
      [
        { type: "wait", wait: { type: "time-of-day", time: "09:00", days: [3, 1] } },
        "Waits until 09:00 on Monday and Wednesday in the customer's time zone",
      ],
      [
        {
          type: "branch",
          arms: [{ id: "a", label: "Engaged", condition: { type: "top-topic", topic: "x" }, next: "n" }],
          else: { next: "n" },
        },
        "Branches: 'Engaged' if top topic is \"x\"; otherwise 'Everyone else'",
      ],
      [
        {
          type: "branch",
          arms: [{ id: "a", label: "Engaged", condition: { type: "top-topic", topic: "x" }, next: "n" }],
        },
        "Branches: 'Engaged' if top topic is \"x\"; no else",
      ],
      [
        {
          type: "split",
          arms: [
            { id: "a", label: "A", percent: 50, next: "n" },
            { id: "b", label: "B", percent: 50, next: "n" },
          ],
        },
        "Splits 50% / 50%",
      ],
      [{ type: "recommend", count: 3 }, "Recommends 3 content items from the customer's favourite topics"],
      [{ type: "recommend", count: 1 }, "Recommends 1 content item from the customer's favourite topics"],
      [
        { type: "update-profile", set: { plan: "pro", onboarded: true }, unset: ["trial"] },
        "Updates the profile: sets plan, onboarded; clears trial",
      ],
      [{ type: "update-profile" }, "Updates the profile (no changes yet)"],
      [{ type: "goal", goal: "Activated" }, "Counts goal 'Activated'"],
      [{ type: "goal", goal: "Activated", exit: true }, "Counts goal 'Activated' and ends the journey"],
      [{ type: "exit" }, "Ends the journey"],
    ];
    for (const [raw, text] of cases) expect(describeStep(step(raw))).toBe(text);
  });
});

describe("describeStep with the workspace's names", () => {
  it("says content and templates by their title, the id only when no title is known", () => {
    const names = {
      contentTitle: (id: string) => (id === "setup-guide" ? "Set up in ten minutes" : undefined),
      templateName: () => "Welcome v2",
    };
    expect(describeStep(step({ type: "personalize", slot: "dashboard.hero", contentId: "setup-guide" }), names)).toBe(
      "Shows 'Set up in ten minutes' in slot dashboard.hero",
    );
    expect(describeStep(step({ type: "personalize", slot: "dashboard.hero", contentId: "gone" }), names)).toBe(
      "Shows 'gone' in slot dashboard.hero",
    );
    expect(describeStep(step({ type: "email", templateId: "welcome-v2" }), names)).toBe(
      "Sends email template 'Welcome v2'",
    );
  });
});

describe("words", () => {
  it("turns event names into words", () => {
    expect(describeEvent("portal.login")).toBe("Portal login");
    expect(describeEvent("purchase_completed")).toBe("Purchase completed");
    expect(describeEvent("orderPlaced")).toBe("Order placed");
    expect(describeEvent("account.SSO-enabled")).toBe("Account SSO enabled");
    expect(describeEvent("...")).toBe("...");
  });

  it("says template variables by their name and leaves tags out", () => {
    expect(describeTemplateText("Welcome aboard, {{ customer.firstName }}!")).toBe("Welcome aboard, [first name]!");
    expect(
      describeTemplateText("Hi {{customer.first_name | default: 'friend'}}, your {{ event.properties.plan }} plan"),
    ).toBe("Hi [first name], your [plan] plan");
    expect(describeTemplateText('{% if customer.vip %}VIP: {% endif %}{{ customer["plan_tier"] }} news')).toBe(
      "VIP: [plan tier] news",
    );
    expect(describeTemplateText("No variables here")).toBe("No variables here");
  });

  it("turns durations and weekdays into words", () => {
    expect(describeDuration("1w")).toBe("1 week");
    expect(describeDuration("30m")).toBe("30 minutes");
    expect(describeDuration("1d12h")).toBe("1 day 12 hours");
    expect(describeDuration("soon")).toBe("soon");
    expect(describeWeekdays([7, 1, 5])).toBe("Monday, Friday and Sunday");
  });
});
