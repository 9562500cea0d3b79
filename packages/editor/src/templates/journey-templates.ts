import onboarding from "../../../../examples/onboarding/journey.json";
import { renewalReminder, welcomeSeries, winBack } from "./starter-journeys.ts";
import { exitStep, triggerStep } from "./starter-steps.ts";

/** A journey to start from: shown as a card in the journeys list's gallery, copied into a new draft when picked. */
export type JourneyTemplate = {
  id: string;
  name: string;
  /** One sentence on what it does, for the card. */
  description: string;
  /** What the user should look at before publishing (events to send, wording), in a few words. */
  fill: string;
  tags: string[];
  document: { schemaVersion: 1; name: string; steps: unknown[] } & Record<string, unknown>;
};

/** A trigger and an end: valid as it is, to build on. */
export const BLANK_JOURNEY = (name: string): JourneyTemplate["document"] => ({
  schemaVersion: 1,
  name,
  settings: {},
  steps: [triggerStep("purchase.completed", "done"), exitStep("done", "End", 1)],
});

/**
 * The gallery, blank first. Every document validates and publishes as it is (tested in e2e/workspace-journeys);
 * the wording and the event names are what a user adapts to their product.
 */
export const JOURNEY_TEMPLATES: JourneyTemplate[] = [
  {
    id: "blank",
    name: "Blank journey",
    description: "A trigger and an end. Add steps from the palette.",
    fill: "Pick the event that starts it",
    tags: [],
    document: BLANK_JOURNEY("Blank journey"),
  },
  {
    id: "onboarding",
    name: "Customer onboarding",
    description: "Welcome, getting-started emails, portal nudges and recommended reading until the customer activates.",
    fill: "Add the content items it shows",
    tags: ["Onboarding"],
    document: onboarding as JourneyTemplate["document"],
  },
  {
    id: "renewal-reminder",
    name: "Renewal reminder",
    description: "Reminds paying customers before renewal; a portal notice and a last email if they have not renewed.",
    fill: "Send subscription.renewal_due and subscription.renewed",
    tags: ["Billing"],
    document: renewalReminder,
  },
  {
    id: "win-back",
    name: "Win-back",
    description: "A week after a cancellation, an offer to come back, and one last reminder two weeks later.",
    fill: "Send subscription.cancelled and subscription.reactivated",
    tags: ["Retention"],
    document: winBack,
  },
  {
    id: "welcome-series",
    name: "Welcome series",
    description: "Three emails over a week for new sign-ups: welcome, first steps, and where to get help.",
    fill: "Send account.created",
    tags: ["Onboarding"],
    document: welcomeSeries,
  },
];
