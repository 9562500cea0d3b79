import { z } from "zod";
import { Condition, Duration, PropertyCondition } from "./condition.ts";

/** Step ids are short, stable, human-readable keys ("welcome-email"). */
export const StepId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "letters, digits, '-', '_' or '.', at most 64");
/** A link to the next step; null means "no next step yet" (a validation problem unless the step ends the journey). */
const Next = StepId.nullable();

const base = {
  id: StepId,
  name: z.string().max(200).optional(),
  note: z.string().max(5000).optional(),
  /** Where the editor draws the step; the engine ignores it. */
  position: z.object({ x: z.number(), y: z.number() }).optional(),
};

/** How a customer enters the journey. */
export const Trigger = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), event: z.string().min(1), where: z.array(PropertyCondition).optional() }),
  z.object({ type: z.literal("api") }),
  z.object({
    type: z.literal("schedule"),
    every: Duration,
    audience: z.literal("all-customers").default("all-customers"),
  }),
]);
export type Trigger = z.infer<typeof Trigger>;

export const TriggerStep = z.object({ ...base, type: z.literal("trigger"), trigger: Trigger, next: Next });

/**
 * One block of an email made in the editor's block editor. The blocks only describe how the body was made (so the
 * editor can open it again as blocks); the engine and the channel send `body`, the MJML generated from them.
 */
export const EmailBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), text: z.string().max(2000) }),
  z.object({ type: z.literal("text"), text: z.string().max(20_000) }),
  z.object({ type: z.literal("button"), label: z.string().max(200), url: z.string().max(2000) }),
  z.object({ type: z.literal("image"), src: z.string().max(2000), alt: z.string().max(500).default("") }),
  z.object({ type: z.literal("divider") }),
  z.object({ type: z.literal("spacer"), height: z.number().int().min(4).max(200).default(24) }),
  z.object({
    type: z.literal("recommended-items"),
    /** The journey context key a recommend step stored its items under (its `into`). */
    from: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a recommend step's `into` name: letters, digits and '_'")
      .default("recommendations"),
  }),
]);
export type EmailBlock = z.infer<typeof EmailBlock>;

/** Email content: MJML body with Liquid variables, or a reference to a saved template. */
export const EmailStep = z.object({
  ...base,
  type: z.literal("email"),
  templateId: z.string().min(1).optional(),
  subject: z.string().max(500).optional(),
  preheader: z.string().max(500).optional(),
  body: z.string().max(500_000).optional(),
  /** Set by the editor's block editor: the blocks `body` was generated from. Optional; older documents have none. */
  blocks: z.array(EmailBlock).max(200).optional(),
  next: Next,
});

export const NotificationStep = z.object({
  ...base,
  type: z.literal("notification"),
  title: z.string().min(1).max(500),
  body: z.string().max(20_000).default(""),
  link: z.string().max(2000).optional(),
  expiresAfter: Duration.optional(),
  next: Next,
});

/** Sets (contentId) or clears (contentId null) what a named slot shows this customer, optionally for a time. */
export const PersonalizeStep = z.object({
  ...base,
  type: z.literal("personalize"),
  slot: z.string().min(1),
  contentId: z.string().min(1).nullable(),
  for: Duration.optional(),
  next: Next,
});

/** Starts an internal workflow by calling an endpoint with a JSON payload (a Liquid template). */
export const WebhookStep = z.object({
  ...base,
  type: z.literal("webhook"),
  endpoint: z.string().min(1),
  payload: z.string().max(100_000).optional(),
  next: Next,
});

/** Waits a duration, until a date, or until a time of day in the customer's time zone. */
export const Wait = z.discriminatedUnion("type", [
  z.object({ type: z.literal("duration"), duration: Duration }),
  z.object({ type: z.literal("until-date"), date: z.iso.datetime({ offset: true }) }),
  z.object({
    type: z.literal("time-of-day"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour"),
    /** ISO weekdays allowed (1 = Monday … 7 = Sunday); all days when omitted. */
    days: z.array(z.number().int().min(1).max(7)).min(1).optional(),
  }),
]);
export type Wait = z.infer<typeof Wait>;

export const WaitStep = z.object({ ...base, type: z.literal("wait"), wait: Wait, next: Next });

/** Waits until the customer does one of `events` (e.g. portal.login), at most `timeout`; two exits. */
export const WaitForEventStep = z.object({
  ...base,
  type: z.literal("wait-for-event"),
  events: z.array(z.object({ event: z.string().min(1), where: z.array(PropertyCondition).optional() })).min(1),
  timeout: Duration,
  next: Next,
  timeoutNext: Next,
});

export const BranchArm = z.object({ id: StepId, label: z.string().min(1).max(100), condition: Condition, next: Next });
/** Ordered arms; the first whose condition holds is taken, else the else arm. */
export const BranchStep = z.object({
  ...base,
  type: z.literal("branch"),
  arms: z.array(BranchArm),
  else: z.object({ label: z.string().max(100).default("Everyone else"), next: Next }).optional(),
});

export const SplitArm = z.object({
  id: StepId,
  label: z.string().min(1).max(100),
  percent: z.number().min(0).max(100),
  next: Next,
});
/** Random split stable per customer (A/B tests, holdouts). */
export const SplitStep = z.object({ ...base, type: z.literal("split"), arms: z.array(SplitArm) });

/** Picks the top `count` content items for the customer from the topics they spent most time with. */
export const RecommendStep = z.object({
  ...base,
  type: z.literal("recommend"),
  count: z.number().int().min(1).max(50),
  /** The journey-context key the recommendation is stored under, for templates ("recommendations"). */
  into: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default("recommendations"),
  /** Topics to use when the customer has no engagement yet. */
  fallbackTopics: z.array(z.string()).optional(),
  next: Next,
});

export const UpdateProfileStep = z.object({
  ...base,
  type: z.literal("update-profile"),
  set: z.record(z.string(), z.unknown()).default({}),
  unset: z.array(z.string()).default([]),
  next: Next,
});

/** Counts a conversion; exits the journey when `exit` is true. */
export const GoalStep = z.object({
  ...base,
  type: z.literal("goal"),
  goal: z.string().min(1),
  exit: z.boolean().default(false),
  next: Next.optional(),
});

export const ExitStep = z.object({ ...base, type: z.literal("exit") });

/** Every kind of step. */
export const Step = z.discriminatedUnion("type", [
  TriggerStep,
  EmailStep,
  NotificationStep,
  PersonalizeStep,
  WebhookStep,
  WaitStep,
  WaitForEventStep,
  BranchStep,
  SplitStep,
  RecommendStep,
  UpdateProfileStep,
  GoalStep,
  ExitStep,
]);
export type Step = z.infer<typeof Step>;
export type StepType = Step["type"];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;

/** Step types in palette order; the editor lists them in this order. */
export const STEP_TYPES = Step.options.map((o) => o.shape.type.value) as StepType[];
