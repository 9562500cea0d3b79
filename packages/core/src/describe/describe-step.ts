import { channelStepSpec } from "../model/channel-registry.ts";
import type { ChannelStepFields } from "../model/channel-step.ts";
import type { Step, Trigger, Wait } from "../model/step.ts";
import { describeCondition, describeSegment, describeWhere, type SegmentNaming } from "./describe-condition.ts";
import { describeDuration, describeEvent, describeWeekdays } from "./describe-words.ts";

function describeTrigger(trigger: Trigger, names: SegmentNaming): string {
  switch (trigger.type) {
    case "event":
      return `Starts on ${describeEvent(trigger.event)}${describeWhere(trigger.where)}`;
    case "api":
      return "Starts when called through the API";
    case "schedule":
      return `Starts every ${describeDuration(trigger.every)} for ${
        trigger.audience === "all-customers"
          ? "all customers"
          : `everyone in ${describeSegment(trigger.audience.segmentId, names)}`
      }`;
    case "segment":
      return `Starts when a customer ${trigger.on === "enter" ? "enters" : "leaves"} ${describeSegment(trigger.segmentId, names)}`;
  }
}

/** A date in words: "2025-01-31T09:00:00Z" → "2025-01-31 09:00 UTC"; the offset written is kept, since it is what the user chose. */
export function describeDate(date: string): string {
  return date
    .replace("T", " ")
    .replace(/:00(\.0+)?(?=Z|[+-]\d\d:\d\d$)/, "")
    .replace(/Z$/, " UTC")
    .replace(/([+-]\d\d:\d\d)$/, " $1");
}

function describeWait(wait: Wait): string {
  switch (wait.type) {
    case "duration":
      return `Waits ${describeDuration(wait.duration)}`;
    case "until-date":
      return `Waits until ${describeDate(wait.date)}`;
    case "time-of-day":
      return `Waits until ${wait.time}${wait.days ? ` on ${describeWeekdays(wait.days)}` : ""} in the customer's time zone`;
  }
}

function orWords(words: string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/**
 * What the workspace calls the things a step refers to by id (content items, saved templates). The core cannot look
 * them up (no I/O), so a caller that knows them passes them in; an id without a name is said as the id.
 */
export type StepNames = SegmentNaming & {
  contentTitle?: (contentId: string) => string | undefined;
  templateName?: (templateId: string) => string | undefined;
};

/**
 * A one-line, plain-language summary of what a step does, for the editor and the customer history
 * ("Waits until Portal login, at most 7 days", "Sends email 'Welcome to Acme'", "Splits 50% / 50%").
 */
export function describeStep(step: Step, names: StepNames = {}): string {
  switch (step.type) {
    case "trigger":
      return describeTrigger(step.trigger, names);
    case "wait":
      return describeWait(step.wait);
    case "wait-for-event":
      return `Waits until ${orWords(step.events.map((e) => `${describeEvent(e.event)}${describeWhere(e.where)}`))}, at most ${describeDuration(step.timeout)}`;
    case "branch": {
      if (step.arms.length === 0)
        return step.else ? `Sends everyone to '${step.else.label}'` : "Branches (no arms yet)";
      const arms = step.arms.map((a) => `'${a.label}' if ${describeCondition(a.condition, names)}`).join("; ");
      return `Branches: ${arms}; ${step.else ? `otherwise '${step.else.label}'` : "no else"}`;
    }
    case "split":
      return step.arms.length === 0
        ? "Splits (no arms yet)"
        : `Splits ${step.arms.map((a) => `${a.percent}%`).join(" / ")}`;
    case "recommend":
      return `Recommends ${step.count} content item${step.count === 1 ? "" : "s"} from the customer's favourite topics`;
    case "update-profile": {
      const set = Object.keys(step.set);
      const parts = [
        ...(set.length > 0 ? [`sets ${set.join(", ")}`] : []),
        ...(step.unset.length > 0 ? [`clears ${step.unset.join(", ")}`] : []),
      ];
      return parts.length === 0 ? "Updates the profile (no changes yet)" : `Updates the profile: ${parts.join("; ")}`;
    }
    case "goal":
      return `Counts goal '${step.goal}'${step.exit ? " and ends the journey" : ""}`;
    case "exit":
      return "Ends the journey";
    default: {
      const spec = channelStepSpec(step.type);
      return spec?.summary?.(step as ChannelStepFields, names) ?? `Sends ${spec?.label ?? step.type}`;
    }
  }
}
