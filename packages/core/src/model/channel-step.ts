import type { z } from "zod";
import type { StepNames } from "../describe/describe-step.ts";
import type { ChannelStepChecks } from "../validate/channel-step-checks.ts";
import type { JourneyCatalog, JourneyProblem } from "../validate/journey-problem.ts";
import type { Json } from "./instance.ts";

/**
 * What the core knows of a channel's step, given to it as data (issue 17, decision 0023): the step's own fields, the
 * outbox channel it queues on and the payload it queues. Email, notification, personalize, webhook, SMS and push are
 * all described this way by their channel module in `packages/channels/src/<channel>/`; the core has no list of them.
 */
export type ChannelStepSpec = {
  /** The step's `type` in journey documents: "email", "personalize", "sms". */
  type: string;
  /** The outbox channel the step queues on ("slot" for personalize); the dispatcher's handler of the same name sends. */
  channel: string;
  /** In the editor's palette and in messages: "Email", "SMS", "Web push". */
  label: string;
  /** The step's own fields, besides id, name, note, position, type and next (which every step has). */
  fields: z.ZodRawShape;
  /** What the interpreter queues when a customer reaches the step (pure: the context and the instant are given). */
  payload(step: ChannelStepFields, at: { context: Record<string, Json>; now: number }): Record<string, Json>;
  /** What the customer's history says the step did: "email queued" (the default: "<type> queued"). */
  reason?(step: ChannelStepFields): string;
  /** Problems of one step that only this channel knows (pure); `checks` words them and gives their paths. */
  problems?(step: ChannelStepFields, checks: ChannelStepChecks, catalog: JourneyCatalog): JourneyProblem[];
  /** What it shows in a slot (personalize): the slot and item it names, for "where used". */
  contentReferences?(step: ChannelStepFields): ContentReference[];
  /** False when its texts never link to content (a webhook's payload): "where used" does not search them. */
  linksContent?: boolean;
  /** One plain-language line for the canvas, the history and the blueprint: "Sends SMS 'Your code is…'". */
  summary?(step: ChannelStepFields, names: StepNames): string;
};

/** A channel step as the core handles it: the common fields, and the channel's own as read by its spec. */
export type ChannelStepFields = {
  id: string;
  type: string;
  name?: string;
  note?: string;
  next: string | null;
  [field: string]: unknown;
};

/** A content item or slot a step uses: shown in a slot, or linked to from its text. */
export type ContentReference = {
  kind: "content" | "slot";
  key: string;
  how: "shows-in-slot" | "links";
  slot?: string;
};
