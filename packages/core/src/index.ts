export * from "./describe/describe-condition.ts";
export * from "./describe/describe-settings.ts";
export * from "./describe/describe-step.ts";
export * from "./describe/describe-words.ts";
export * from "./describe/journey-diff.ts";
export * from "./interpreter/advance.ts";
export * from "./interpreter/compile-journey.ts";
export * from "./interpreter/conditions.ts";
export * from "./interpreter/engagement.ts";
export * from "./interpreter/entry.ts";
export * from "./interpreter/split.ts";
export * from "./interpreter/time-of-day.ts";
export * from "./migrate/migrate-journey.ts";
export type { JourneyMigration } from "./migrate/v0-to-v1.ts";
export * from "./model/channel-registry.ts";
export * from "./model/channel-step.ts";
export * from "./model/condition.ts";
export * from "./model/duration.ts";
export * from "./model/instance.ts";
export * from "./model/journey.ts";
export * from "./model/simulation.ts";
export * from "./model/step.ts";
export { chiSquareTest, chiSquareUpperTail } from "./reports/chi-square.ts";
export { type ArmCounts, probabilityToBeBest } from "./reports/probability-to-be-best.ts";
export * from "./reports/split-significance.ts";
export * from "./segments/segment-facts.ts";
export * from "./segments/segment-rule.ts";
export * from "./simulation/explain-no-entry.ts";
export * from "./simulation/reach-offsets.ts";
export * from "./simulation/simulation-behaviours.ts";
export * from "./simulation/spread-values.ts";
export * from "./usage/content-usage.ts";
export * from "./validate/channel-step-checks.ts";
export type {
  JourneyCatalog,
  JourneyProblem,
  JourneyProblemCode,
  JourneyValidation,
} from "./validate/journey-problem.ts";
export { JOURNEY_PROBLEM_CODES } from "./validate/journey-problem.ts";
export { validateJourney } from "./validate/validate-journey.ts";
