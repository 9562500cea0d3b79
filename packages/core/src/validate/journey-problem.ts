import type { JourneyDocument } from "../model/journey.ts";

/**
 * Every code validateJourney can report. The codes are stable: the server, the CLI and the editor key on them,
 * and docs/errors.md explains each. SPEC.md rules V3… say when each one is reported.
 */
export const JOURNEY_PROBLEM_CODES = [
  "schema",
  "schema-version-unsupported",
  "bad-duration",
  "bad-timezone",
  "duplicate-step-id",
  "no-trigger",
  "unreachable-step",
  "dangling-next",
  "missing-next",
  "timeout-next",
  "next-into-trigger",
  "branch-without-else",
  "duplicate-arm-id",
  "reserved-arm-id",
  "split-percent-total",
  "loop-without-wait",
  "email-without-content",
  "unknown-slot",
  "unknown-template",
  "unknown-endpoint",
  "unknown-content",
  "unknown-segment",
  "reentry-after-missing",
  "reserved-context-key",
] as const;

/** One of {@link JOURNEY_PROBLEM_CODES}. */
export type JourneyProblemCode = (typeof JOURNEY_PROBLEM_CODES)[number];

/**
 * One thing wrong with a journey document: a stable code, a message a business user can act on, where it is
 * (`steps[3].wait.duration`; "" for the whole document) and the id of the step it concerns, when there is one.
 */
export type JourneyProblem = { code: JourneyProblemCode; message: string; path: string; stepId?: string };

/** What the journey may refer to; each list that is given is checked, each that is omitted is not. */
export type JourneyCatalog = {
  /** Named content slots, e.g. "dashboard.hero". */
  slots?: string[];
  /** Saved email template ids. */
  templates?: string[];
  /** Webhook endpoints (internal workflows) the journey may call. */
  endpoints?: string[];
  /** Content items a slot may be set to. */
  contentIds?: string[];
  /** The workspace's segments (issue 14): triggers, schedule audiences, arms and exits naming another are problems. */
  segments?: ReadonlyArray<{ id: string; name: string }>;
};

/** The answer of validateJourney: `document` is the parsed, migrated document whenever it fits the schema. */
export type JourneyValidation = { valid: boolean; document: JourneyDocument | null; problems: JourneyProblem[] };
