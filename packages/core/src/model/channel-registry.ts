import { z } from "zod";
import type { ChannelStepSpec } from "./channel-step.ts";
import { LogicStep, Next, StepId, stepBase } from "./step.ts";

/**
 * The channel steps the core knows, registered once at start-up by the channel registry
 * (`packages/channels/src/registry.ts`; the editor's `registry.browser.ts`). This is configuration, not state that
 * changes while journeys run: the interpreter and validation stay pure functions of their inputs and this list.
 */
const registered = new Map<string, { spec: ChannelStepSpec; schema: z.ZodObject }>();
let union: z.ZodType | null = null;

/** The full schema of a channel step: the fields every step has, its type, its own fields and `next`. */
export function channelStepObject<T extends string, F extends z.ZodRawShape>(type: T, fields: F) {
  return z.object({ ...stepBase, type: z.literal(type), ...fields, next: Next });
}

/**
 * Makes the core know these channel steps: journeys may use them, the interpreter queues them, validation checks
 * them. Registering the same spec again does nothing; a second spec for a type already taken is refused.
 */
export function registerChannelSteps(specs: readonly ChannelStepSpec[]): void {
  for (const spec of specs) {
    const known = registered.get(spec.type);
    if (known?.spec === spec) continue;
    if (known) throw new Error(`two channels define the step type '${spec.type}'`);
    if (LogicStep.options.some((o) => o.shape.type.value === spec.type))
      throw new Error(`'${spec.type}' is one of the core's own step types; a channel step needs another name`);
    if (!StepId.safeParse(spec.type).success) throw new Error(`'${spec.type}' is not a valid step type name`);
    registered.set(spec.type, { spec, schema: channelStepObject(spec.type, spec.fields) });
    union = null;
  }
}

/** The registered spec of a channel step type, or undefined for the core's own steps and unknown types. */
export function channelStepSpec(type: string): ChannelStepSpec | undefined {
  return registered.get(type)?.spec;
}

/** The registered channel step types, in the order they were registered (the palette's). */
export function channelStepTypes(): string[] {
  return [...registered.keys()];
}

/** The schema of every step the core accepts now: its own and the registered channels'. */
export function stepSchema(): z.ZodType {
  if (union === null) {
    // Palette order (messages list the kinds of step in it): the trigger, the channels' steps, the rest.
    const [trigger, ...logic] = LogicStep.options;
    const channels = [...registered.values()].map((r) => r.schema);
    union = z.discriminatedUnion("type", [trigger, ...channels, ...logic] as unknown as [z.ZodObject, z.ZodObject]);
  }
  return union;
}

/** The outbox channels of the registered steps ("email", "slot", "sms"…), each once. */
export function channelOutboxNames(): string[] {
  return [...new Set([...registered.values()].map((r) => r.spec.channel))];
}
