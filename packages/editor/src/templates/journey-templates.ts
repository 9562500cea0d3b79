import onboarding from "../../../../examples/onboarding/journey.json";
import { renewalReminder, welcomeSeries, winBack } from "./starter-journeys.ts";
import { triggerStep } from "./starter-steps.ts";

/** A journey to start from: shown as a card in the journeys list's gallery, copied into a new draft when picked. */
export type JourneyTemplate = {
  id: string;
  name: string;
  /** One sentence on what it does, for the card. */
  description: string;
  tags: string[];
  document: { schemaVersion: 1; name: string; steps: unknown[] } & Record<string, unknown>;
};

/** A trigger leading nowhere yet: the editor guides the author from there ("Start by choosing what starts the journey"). */
export const BLANK_JOURNEY = (name: string): JourneyTemplate["document"] => ({
  schemaVersion: 1,
  name,
  steps: [{ ...triggerStep("purchase.completed", ""), next: null }],
});

/**
 * The gallery, blank first. Every document but the blank one validates and publishes as it is (journey-templates.test.ts,
 * e2e/workspace-journeys);
 * the wording and the event names are what a user adapts to their product.
 */
export const JOURNEY_TEMPLATES: JourneyTemplate[] = [
  {
    id: "blank",
    name: "Blank journey",
    description: "Just a trigger. Choose what starts it, then add steps from the palette.",
    tags: [],
    document: BLANK_JOURNEY("Blank journey"),
  },
  {
    id: "onboarding",
    name: "Customer onboarding",
    description:
      "Welcome, getting-started emails, portal nudges and recommended reading; follow-ups by email, and by SMS for those who opted in.",
    tags: ["Onboarding"],
    document: onboarding as JourneyTemplate["document"],
  },
  {
    id: "renewal-reminder",
    name: "Renewal reminder",
    description: "Reminds paying customers before renewal; a portal notice and a last email if they have not renewed.",
    tags: ["Billing"],
    document: renewalReminder,
  },
  {
    id: "win-back",
    name: "Win-back",
    description: "A week after a cancellation, an offer to come back, and one last reminder two weeks later.",
    tags: ["Retention"],
    document: winBack,
  },
  {
    id: "welcome-series",
    name: "Welcome series",
    description: "Three emails over a week for new sign-ups: welcome, first steps, and where to get help.",
    tags: ["Onboarding"],
    document: welcomeSeries,
  },
];
