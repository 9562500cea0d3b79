import { eventsFor, type SyntheticCustomer, type SyntheticEvent } from "@overture/runtime";
import { canText, ONBOARDING_STEPS as S, ONBOARDING_TIMINGS as T } from "./onboarding-journey.ts";

/**
 * The independent oracle for the north-star journey (examples/onboarding/journey.json). It does not run the
 * interpreter: it restates the journey as a timeline, by hand, so end-to-end tests can check the engine against it.
 *
 * Rules (t0 = the purchase, the instant the customer enters):
 * O1. At t0: welcome-email, portal-welcome, dashboard-hero (in that order, all at t0).
 * O2. At t1 = t0 + firstWait (1d): getting-started. At t3 = t1 + secondWait (2d): tips, and the engagement wait
 *     starts. Its deadline is t3 + engagementTimeout (7d) = day 10: the 7 days count from the wait, not the purchase.
 * O3. The wait is woken by the first portal.login or content.viewed at or after t3 and strictly before the deadline.
 *     Events before t3 do not count: the wait only listens from when it starts.
 * O4. Engaged at e: recommend and recommendations-email at e + dwellWait (1d), then exit.
 *     Not engaged: follow-up-1 at the deadline, follow-up-2 at deadline + followUpGap (3d), then exit.
 * O4a. Not engaged and the profile has a phone and `consent: { sms: true }`: the SMS reminder too, at the deadline,
 *     right after follow-up-1 (the branch runs in the same instant). No phone, or no SMS opt-in: no SMS.
 * O5. The recommendation's topics: dwell time summed per topic over every content.viewed before the recommend
 *     instant (views during the dwell day count, and so do views from before the wait started); the top 3 by dwell,
 *     ties by name (code-unit order, never the machine's locale); the journey's fallbackTopics when there is no
 *     dwell time at all.
 * O6. Exit criterion (account.cancelled) at c, before the journey ended: the customer leaves at c; actions due
 *     after c never happen. After the journey ended it changes nothing.
 * O7. Goal (feature.activated): converted when it happens while the customer is in the journey. It does not exit.
 * O8. One instant, timers first: work a timer makes due at instant x runs before an event stamped x. So an event
 *     exactly at the deadline is too late (timeout), a cancellation exactly when an email is due comes after that
 *     email, an event exactly when the engagement wait starts does wake it, and a view exactly at the recommend
 *     instant is not counted. Simultaneous events keep their order in the list. (Synthetic customers never
 *     produce such ties; the rule is here for hand-written cases.)
 */

/** One channel action the journey prescribes, at its virtual time. */
export type ExpectedAction = {
  stepId: string;
  type: "email" | "notification" | "slot" | "webhook" | "sms";
  at: number;
};

/** What the oracle expects for one customer's entry into the onboarding journey. */
export type ExpectedJourney = {
  actions: ExpectedAction[];
  /** engaged / not-engaged: finished at an exit step; cancelled: left on the exit criterion. */
  path: "engaged" | "not-engaged" | "cancelled";
  status: "completed" | "exited";
  endedAt: number;
  converted: boolean;
  /** What the recommend step stored in the journey context, when it ran. */
  recommendation: { topics: string[]; basedOn: "engagement" | "fallback" } | null;
};

/** O8 in one place: does an event stamped `eventAt` happen before work a timer makes due at `timerAt`? */
function eventBeforeTimer(eventAt: number, timerAt: number): boolean {
  return eventAt < timerAt;
}

function recommendationAt(
  events: SyntheticEvent[],
  at: number,
): { topics: string[]; basedOn: "engagement" | "fallback" } {
  const dwell = new Map<string, number>();
  for (const e of events) {
    if (e.name !== "content.viewed" || !eventBeforeTimer(e.at, at)) continue;
    const ms = typeof e.properties.dwellMs === "number" ? e.properties.dwellMs : 0;
    const topics = Array.isArray(e.properties.topics) ? e.properties.topics : [];
    for (const topic of topics) if (typeof topic === "string") dwell.set(topic, (dwell.get(topic) ?? 0) + ms);
  }
  const ranked = [...dwell.entries()]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, T.topicCount)
    .map(([topic]) => topic);
  return ranked.length > 0
    ? { topics: ranked, basedOn: "engagement" }
    : { topics: [...T.fallbackTopics], basedOn: "fallback" };
}

/** The actions and outcome the onboarding journey prescribes for `customer`, who buys at `purchaseAt`. */
export function expectedOnboarding(
  customer: SyntheticCustomer,
  purchaseAt: number = customer.purchaseAt,
): ExpectedJourney {
  // The trigger is the purchase itself; everything after it in list order is what the journey can see (O8).
  const events = eventsFor(customer, purchaseAt).slice(1);
  const t0 = purchaseAt;
  const t1 = t0 + T.firstWaitMs;
  const t3 = t1 + T.secondWaitMs;
  const deadline = t3 + T.engagementTimeoutMs;

  // O1–O4: the path the customer would take if nothing made them leave.
  const planned: ExpectedAction[] = [
    { stepId: S.welcomeEmail, type: "email", at: t0 },
    { stepId: S.portalWelcome, type: "notification", at: t0 },
    { stepId: S.dashboardHero, type: "slot", at: t0 },
    { stepId: S.gettingStarted, type: "email", at: t1 },
    { stepId: S.tips, type: "email", at: t3 },
  ];
  // O3: at or after t3 (the wait started first, O8) and before the deadline (the timeout fired first, O8).
  const waking = events.find(
    (e) => T.engagementEvents.includes(e.name) && !eventBeforeTimer(e.at, t3) && eventBeforeTimer(e.at, deadline),
  );
  let path: ExpectedJourney["path"];
  let completedAt: number;
  let recommendAt: number | null = null;
  if (waking) {
    path = "engaged";
    recommendAt = waking.at + T.dwellWaitMs;
    completedAt = recommendAt;
    planned.push({ stepId: S.recommendationsEmail, type: "email", at: recommendAt });
  } else {
    path = "not-engaged";
    completedAt = deadline + T.followUpGapMs;
    planned.push({ stepId: S.followUp1, type: "email", at: deadline });
    // O4a: the branch reads the profile the purchase brought; synthetic customers never change it later.
    if (canText(customer.attributes)) planned.push({ stepId: S.smsReminder, type: "sms", at: deadline });
    planned.push({ stepId: S.followUp2, type: "email", at: completedAt });
  }

  // O6: the first exit event before the journey completed cuts the plan; actions due at that very instant stay (O8).
  const exitIndex = events.findIndex((e) => T.exitEvents.includes(e.name) && eventBeforeTimer(e.at, completedAt));
  const exit = exitIndex >= 0 ? events[exitIndex] : undefined;
  const actions = exit ? planned.filter((a) => !eventBeforeTimer(exit.at, a.at)) : planned;
  const endedAt = exit ? exit.at : completedAt;
  const recommendation =
    recommendAt !== null && (!exit || !eventBeforeTimer(exit.at, recommendAt))
      ? recommendationAt(events, recommendAt)
      : null;

  // O7: goal events the journey saw while the customer was in it (before the exit event in list order, or before completion).
  const seen = exit ? events.slice(0, exitIndex) : events.filter((e) => eventBeforeTimer(e.at, completedAt));
  const converted = T.goalEvent !== null && seen.some((e) => e.name === T.goalEvent);

  return {
    actions,
    path: exit ? "cancelled" : path,
    status: exit ? "exited" : "completed",
    endedAt,
    converted,
    recommendation,
  };
}

/** Just the actions of {@link expectedOnboarding}, in order. */
export function expectedOnboardingActions(customer: SyntheticCustomer, purchaseAt?: number): ExpectedAction[] {
  return expectedOnboarding(customer, purchaseAt).actions;
}
