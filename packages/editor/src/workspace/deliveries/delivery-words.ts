import type { JourneyRecord } from "../../api/api-client.ts";
import type { OutboxEntry } from "../../api/delivery-api.ts";

const OUTCOME_WORDS: Record<OutboxEntry["outcome"], string> = {
  sent: "Sent",
  sending: "Sending",
  queued: "Queued",
  deferred: "Held",
  retrying: "Retrying",
  skipped: "Skipped",
  dead: "Dead",
};

/** The outcome as a tag says it. */
export const outcomeWords = (outcome: OutboxEntry["outcome"]) => OUTCOME_WORDS[outcome] ?? outcome;

/** "Onboarding · Welcome email": the journey's name and the step's, from the journey's draft (ids when unknown). */
export function stepLabel(
  entry: Pick<OutboxEntry, "journeyId" | "stepId">,
  journeys: readonly JourneyRecord[],
): { journey: string; step: string } {
  const journey = journeys.find((j) => j.id === entry.journeyId);
  const step = journey?.draft.steps.find((s) => s.id === entry.stepId);
  return { journey: journey?.name ?? entry.journeyId, step: step?.name || entry.stepId };
}
