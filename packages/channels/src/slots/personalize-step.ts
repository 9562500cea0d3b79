import { channelStepObject, Duration, describeDuration, durationMs } from "@overture/core";
import { z } from "zod";
import type { ChannelStepUi } from "../channel-module.ts";

const fields = {
  slot: z.string().min(1),
  contentId: z.string().min(1).nullable(),
  for: Duration.optional(),
};

/** Sets (contentId) or clears (contentId null) what a named slot shows this customer, optionally for a time. */
export const PersonalizeStep = channelStepObject("personalize", fields);
export type PersonalizeStep = z.infer<typeof PersonalizeStep>;

declare module "@overture/core" {
  interface ChannelStepSchemas {
    personalize: typeof PersonalizeStep;
  }
}

/** The personalize step (outbox channel "slot"): the core's part and the editor's. */
export const personalizeStep: ChannelStepUi = {
  spec: {
    type: "personalize",
    channel: "slot",
    label: "Personalize",
    fields,
    payload(raw, at) {
      const step = raw as PersonalizeStep;
      return { slot: step.slot, contentId: step.contentId, until: step.for ? at.now + durationMs(step.for) : null };
    },
    contentReferences(raw) {
      // A draft may be half-written: only what has the right shape counts.
      const step = raw as Partial<PersonalizeStep>;
      if (typeof step.slot !== "string" || !step.slot) return [];
      return [
        { kind: "slot", key: step.slot, how: "shows-in-slot" },
        ...(typeof step.contentId === "string" && step.contentId
          ? [{ kind: "content" as const, key: step.contentId, how: "shows-in-slot" as const, slot: step.slot }]
          : []),
      ];
    },
    linksContent: false,
    reason(raw) {
      const step = raw as PersonalizeStep;
      return step.contentId ? `${step.slot} shows ${step.contentId}` : `${step.slot} cleared`;
    },
    problems(raw, checks, catalog) {
      const step = raw as PersonalizeStep;
      return [
        ...checks.known("unknown-slot", "slot", step.slot, catalog.slots, "slot"),
        ...(step.contentId === null
          ? []
          : checks.known("unknown-content", "content item", step.contentId, catalog.contentIds, "contentId")),
        ...checks.duration(step.for, "for"),
      ];
    },
    summary(raw, names) {
      const step = raw as PersonalizeStep;
      if (step.contentId === null) return `Clears slot ${step.slot}`;
      const title = names.contentTitle?.(step.contentId) || step.contentId;
      return `Shows '${title}' in slot ${step.slot}${step.for ? ` for ${describeDuration(step.for)}` : ""}`;
    },
  },
  icon: "▣",
  description: "Changes what a slot of the portal or website shows this customer",
  defaults: { slot: "dashboard.hero", contentId: null },
  panel: [{ kind: "custom", editor: "personalize" }],
};
