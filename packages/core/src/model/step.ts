import { z } from "zod";
import { stepSchema } from "./channel-registry.ts";
import { Condition, Duration, PropertyCondition } from "./condition.ts";

/** Step ids are short, stable, human-readable keys ("welcome-email"). */
export const StepId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "letters, digits, '-', '_' or '.', at most 64");
/** A link to the next step; null means "no next step yet" (a validation problem unless the step ends the journey). */
export const Next = StepId.nullable();

/** The fields every step has; a channel step is `{ ...stepBase, type, ...its fields, next }`. */
export const stepBase = {
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
    /** Everyone, or everyone in a segment (issue 14), entered in throttled batches under the journey's re-entry rules. */
    audience: z
      .union([z.literal("all-customers"), z.object({ segmentId: z.string().min(1) })])
      .default("all-customers"),
  }),
  /** Enters customers as they enter (or leave) a segment: on the `$segment.entered` / `$segment.left` events. */
  z.object({ type: z.literal("segment"), segmentId: z.string().min(1), on: z.enum(["enter", "leave"]) }),
]);
export type Trigger = z.infer<typeof Trigger>;

export const TriggerStep = z.object({ ...stepBase, type: z.literal("trigger"), trigger: Trigger, next: Next });

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

export const WaitStep = z.object({ ...stepBase, type: z.literal("wait"), wait: Wait, next: Next });

/** Waits until the customer does one of `events` (e.g. portal.login), at most `timeout`; two exits. */
export const WaitForEventStep = z.object({
  ...stepBase,
  type: z.literal("wait-for-event"),
  events: z.array(z.object({ event: z.string().min(1), where: z.array(PropertyCondition).optional() })).min(1),
  timeout: Duration,
  next: Next,
  timeoutNext: Next,
});

export const BranchArm = z.object({ id: StepId, label: z.string().min(1).max(100), condition: Condition, next: Next });
/** Ordered arms; the first whose condition holds is taken, else the else arm. */
export const BranchStep = z.object({
  ...stepBase,
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
export const SplitStep = z.object({ ...stepBase, type: z.literal("split"), arms: z.array(SplitArm) });

/** Picks the top `count` content items for the customer from the topics they spent most time with. */
export const RecommendStep = z.object({
  ...stepBase,
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
  ...stepBase,
  type: z.literal("update-profile"),
  set: z.record(z.string(), z.unknown()).default({}),
  unset: z.array(z.string()).default([]),
  next: Next,
});

/** Counts a conversion; exits the journey when `exit` is true. */
export const GoalStep = z.object({
  ...stepBase,
  type: z.literal("goal"),
  goal: z.string().min(1),
  exit: z.boolean().default(false),
  next: Next.optional(),
});

export const ExitStep = z.object({ ...stepBase, type: z.literal("exit") });

/** The steps the core runs itself: triggers, waits, branches, splits, recommendations, profile updates, goals, exits. */
export const LogicStep = z.discriminatedUnion("type", [
  TriggerStep,
  WaitStep,
  WaitForEventStep,
  BranchStep,
  SplitStep,
  RecommendStep,
  UpdateProfileStep,
  GoalStep,
  ExitStep,
]);
export type LogicStep = z.infer<typeof LogicStep>;

/**
 * The channel steps' schemas by step type. Each channel module adds its own by declaration merging
 * (`declare module "@overture/core" { interface ChannelStepSchemas { sms: typeof SmsStep } }`), so code that knows a
 * channel reads its step's fields with their types; at run time the schemas come from {@link registerChannelSteps}.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the channel modules
export interface ChannelStepSchemas {}
type ChannelStepOutputs = { [K in keyof ChannelStepSchemas]: z.output<ChannelStepSchemas[K]> };
type ChannelStepInputs = { [K in keyof ChannelStepSchemas]: z.input<ChannelStepSchemas[K]> };
/** A step of one of the registered channels (email, notification, personalize, webhook, sms, push…). */
export type ChannelStep = ChannelStepOutputs[keyof ChannelStepOutputs];

/** Every kind of step: the core's own and the registered channels'. Parsed against the channels registered now. */
export const Step = z.lazy(() => stepSchema()) as unknown as z.ZodType<
  LogicStep | ChannelStep,
  z.input<typeof LogicStep> | ChannelStepInputs[keyof ChannelStepInputs]
>;
export type Step = z.infer<typeof Step>;
export type StepType = Step["type"];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;

/** The core's own step types, in palette order. */
export const LOGIC_STEP_TYPES = LogicStep.options.map((o) => o.shape.type.value);
