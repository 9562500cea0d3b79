import { JourneyReportSchema, ReportsOverviewSchema } from "@overture/api-contract";

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1);

/** A journey's report as the server answers it (parsed with the contract's schema, so a renamed field fails here). */
export const journeyReportFixture = JourneyReportSchema.parse({
  journeyId: "welcome",
  from: START,
  to: START + 3 * DAY,
  interval: "day",
  totals: {
    entries: 300,
    conversions: 45,
    conversionRate: 0.15,
    avgTimeToConvertMs: 2 * 3_600_000,
    completed: 200,
    exited: 55,
  },
  series: [
    { at: START, entries: 100, conversions: 10, conversionRate: 0.1, avgTimeToConvertMs: 3_600_000 },
    { at: START + DAY, entries: 150, conversions: 30, conversionRate: 0.2, avgTimeToConvertMs: 9_000_000 },
    { at: START + 2 * DAY, entries: 50, conversions: 5, conversionRate: 0.1, avgTimeToConvertMs: null },
  ],
  funnel: [
    { stepId: "start", name: "Signed up", type: "trigger", reached: 300, dropOff: 0, dropOffRate: 0 },
    { stepId: "welcome-email", name: "Welcome, friend", type: "email", reached: 300, dropOff: 30, dropOffRate: 0.1 },
    { stepId: "split", name: "", type: "split", reached: 270, dropOff: 225, dropOffRate: 225 / 270 },
  ],
  messages: [
    {
      stepId: "welcome-email",
      name: "Welcome, friend",
      channel: "email",
      sent: 280,
      delivered: 270,
      deferred: 4,
      skipped: 16,
      skippedByReason: { quiet_hours: 3, no_consent: 13 },
      bounced: 10,
      failed: 0,
      opened: 135,
      clicked: 27,
      unsubscribed: 1,
      rates: { delivered: 270 / 280, bounced: 10 / 280, opened: 0.5, clicked: 0.1, unsubscribed: 1 / 270 },
    },
  ],
  splits: [
    {
      stepId: "split",
      name: "Subject test",
      goal: "purchased",
      arms: [
        { armId: "a", label: "A: plain", entered: 135, converted: 15, conversionRate: 15 / 135 },
        { armId: "b", label: "B: emoji", entered: 135, converted: 30, conversionRate: 30 / 135 },
      ],
      significance: {
        method: "chi-square",
        statistic: 5.926,
        degreesOfFreedom: 1,
        pValue: 0.0149,
        significant: true,
        probabilityToBeBest: { a: 0.008, b: 0.992 },
        note: "B: emoji converts better than A: plain; the difference is significant.",
      },
    },
  ],
});

/** The workspace overview as the server answers it. */
export const overviewFixture = ReportsOverviewSchema.parse({
  from: START,
  to: START + 2 * DAY,
  activeJourneys: [
    { journeyId: "a", name: "Renewal", entries: 20, conversions: 2, conversionRate: 0.1 },
    { journeyId: "b", name: "Welcome", entries: 300, conversions: 45, conversionRate: 0.15 },
  ],
  messagesPerDay: [
    { day: START, channel: "email", sent: 100 },
    { day: START, channel: "sms", sent: 5 },
    { day: START + DAY, channel: "email", sent: 180 },
    { day: START + DAY, channel: "notification", sent: 300 },
  ],
  deliverability: {
    sent: 585,
    delivered: 570,
    bounced: 10,
    complaints: 1,
    unsubscribed: 4,
    rates: { bounced: 10 / 585, complaints: 1 / 585, unsubscribed: 4 / 585 },
  },
  topContent: [
    { contentId: "c1", title: "Getting started", dwellMs: 600_000, views: 40 },
    { contentId: "c2", title: null, dwellMs: 1_800_000, views: 10 },
  ],
  segments: [
    { segmentId: "s1", name: "Bought, no login", size: 120 },
    { segmentId: "s2", name: "Everyone", size: 5000 },
  ],
});
