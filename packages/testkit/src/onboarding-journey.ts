import { durationMs, exitEventOf, JourneyDocument, type Step, type StepOf, type StepType } from "@overture/core";
import onboardingJson from "../../../examples/onboarding/journey.json" with { type: "json" };

/** The north-star onboarding journey (examples/onboarding/journey.json), parsed. */
export const ONBOARDING_JOURNEY: JourneyDocument = JourneyDocument.parse(onboardingJson);

function step<T extends StepType>(id: string, type: T): StepOf<T> {
  const found: Step | undefined = ONBOARDING_JOURNEY.steps.find((s) => s.id === id);
  if (!found || found.type !== type)
    throw new Error(
      `examples/onboarding/journey.json: expected a ${type} step "${id}"; update the oracle with the journey`,
    );
  return found as StepOf<T>;
}

function waitMs(id: string): number {
  const wait = step(id, "wait").wait;
  if (wait.type !== "duration") throw new Error(`examples/onboarding/journey.json: "${id}" must wait a duration`);
  return durationMs(wait.duration);
}

/** The step ids the oracle knows, in journey order; the file must keep this shape (checked below). */
export const ONBOARDING_STEPS = {
  trigger: "purchase",
  welcomeEmail: "welcome-email",
  portalWelcome: "portal-welcome",
  dashboardHero: "dashboard-hero",
  firstWait: "wait-1d",
  gettingStarted: "getting-started",
  secondWait: "wait-2d",
  tips: "tips",
  engagementWait: "wait-for-engagement",
  followUp1: "follow-up-1",
  smsCheck: "can-text",
  smsReminder: "sms-reminder",
  followUpWait: "wait-3d",
  followUp2: "follow-up-2",
  exitNotEngaged: "exit-not-engaged",
  dwellWait: "dwell-1d",
  recommend: "recommend-content",
  recommendationsEmail: "recommendations-email",
  exitEngaged: "exit-engaged",
} as const;

const S = ONBOARDING_STEPS;
const engagementWait = step(S.engagementWait, "wait-for-event");
const recommend = step(S.recommend, "recommend");
const { settings } = ONBOARDING_JOURNEY;

/** Every timing, event name and rule of the journey that the oracle depends on, read from journey.json. */
export const ONBOARDING_TIMINGS = {
  triggerEvent: (() => {
    const t = step(S.trigger, "trigger").trigger;
    if (t.type !== "event") throw new Error("the onboarding journey starts on an event");
    return t.event;
  })(),
  /** From the purchase to the getting-started email. */
  firstWaitMs: waitMs(S.firstWait),
  /** From the getting-started email to the tips email and the start of the engagement wait. */
  secondWaitMs: waitMs(S.secondWait),
  engagementEvents: engagementWait.events.map((e) => e.event),
  /** Counted from when the engagement wait starts, not from the purchase. */
  engagementTimeoutMs: durationMs(engagementWait.timeout),
  /** From the first follow-up email to the second. */
  followUpGapMs: waitMs(S.followUpWait),
  /** From the engaging event to the recommendation. */
  dwellWaitMs: waitMs(S.dwellWait),
  recommendInto: recommend.into,
  fallbackTopics: recommend.fallbackTopics ?? [],
  /** How many topics a recommendation is based on: the interpreter's fixed rule (not the step's item count). */
  topicCount: 3,
  exitEvents: settings.exitCriteria.map((c) => exitEventOf(c).event),
  goalEvent: settings.goal?.event ?? null,
} as const;

/** Fails loudly when journey.json no longer has the shape the oracle was written for. */
function checkShape(): void {
  const chain: Array<[string, string | null]> = [
    [S.trigger, S.welcomeEmail],
    [S.welcomeEmail, S.portalWelcome],
    [S.portalWelcome, S.dashboardHero],
    [S.dashboardHero, S.firstWait],
    [S.firstWait, S.gettingStarted],
    [S.gettingStarted, S.secondWait],
    [S.secondWait, S.tips],
    [S.tips, S.engagementWait],
    [S.followUp1, S.smsCheck],
    [S.smsReminder, S.followUpWait],
    [S.followUpWait, S.followUp2],
    [S.followUp2, S.exitNotEngaged],
    [S.dwellWait, S.recommend],
    [S.recommend, S.recommendationsEmail],
    [S.recommendationsEmail, S.exitEngaged],
  ];
  for (const [from, to] of chain) {
    const s = ONBOARDING_JOURNEY.steps.find((x) => x.id === from);
    if (!s || !("next" in s) || s.next !== to)
      throw new Error(`examples/onboarding/journey.json: expected ${from} → ${to}`);
  }
  if (
    engagementWait.next !== S.dwellWait ||
    engagementWait.timeoutNext !== S.followUp1 ||
    engagementWait.events.some((e) => e.where)
  ) {
    throw new Error("examples/onboarding/journey.json: the engagement wait changed");
  }
  checkSmsCheck();
  step(S.exitNotEngaged, "exit");
  step(S.exitEngaged, "exit");
  if (settings.reentry !== "never" || settings.goal?.exit || settings.exitCriteria.some((c) => exitEventOf(c).where)) {
    throw new Error("examples/onboarding/journey.json: entry, exit or goal settings changed");
  }
}
checkShape();

/**
 * The SMS reminder's branch must still be "has a phone and consent.sms is true → SMS, else straight on": the oracle's
 * {@link canText} restates that condition by hand.
 */
function checkSmsCheck(): void {
  const branch = step(S.smsCheck, "branch");
  const [arm, ...more] = branch.arms;
  const expected = {
    type: "all",
    conditions: [
      { type: "attribute", attribute: "phone", op: "exists" },
      { type: "attribute", attribute: "consent.sms", op: "eq", value: true },
    ],
  };
  if (
    !arm ||
    more.length > 0 ||
    arm.next !== S.smsReminder ||
    JSON.stringify(arm.condition) !== JSON.stringify(expected) ||
    branch.else?.next !== S.followUpWait
  )
    throw new Error(`examples/onboarding/journey.json: the SMS reminder's branch "${S.smsCheck}" changed`);
  // Read as plain data: the SMS step's type is registered by the channel at run time, not known to StepType here.
  if (ONBOARDING_JOURNEY.steps.find((s) => s.id === S.smsReminder)?.type !== ("sms" as string))
    throw new Error(`examples/onboarding/journey.json: expected an sms step "${S.smsReminder}"`);
}

/** The SMS reminder's condition, restated: a phone attribute and `consent: { sms: true }` in the profile. */
export function canText(attributes: Record<string, unknown>): boolean {
  const phone = attributes.phone;
  const consent = attributes.consent;
  return (
    phone !== undefined &&
    phone !== null &&
    typeof consent === "object" &&
    consent !== null &&
    (consent as Record<string, unknown>).sms === true
  );
}
