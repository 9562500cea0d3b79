import { channelStepSpec } from "../model/channel-registry.ts";
import type { ChannelStepFields, ContentReference } from "../model/channel-step.ts";

/**
 * Where content items and slots are used, read from journey documents (drafts may be incomplete, so nothing here
 * trusts their shape). Pure: the server feeds it the workspace's journeys, content and slots.
 */

/** A journey as the usage finder reads it: its draft and, once published, the version customers enter. */
export type UsageJourney = { id: string; name: string; status: string; draft: unknown; live: unknown | null };

/**
 * One use. `step`: a journey step shows the item in a slot (personalize) or links to its address (email, notification);
 * `inDraft` / `live` say whether the draft, the published version, or both have it. `slot-default`: a slot shows the
 * item when no journey has assigned another.
 */
export type ContentUse =
  | {
      type: "step";
      journeyId: string;
      journeyName: string;
      journeyStatus: string;
      stepId: string;
      stepName: string;
      how: "shows-in-slot" | "links";
      slot?: string;
      inDraft: boolean;
      live: boolean;
    }
  | { type: "slot-default"; slot: string };

/** Every use of every item (by id) and every slot (by name); items and slots nobody uses have an empty list. */
export type ContentUsage = { content: Record<string, ContentUse[]>; slots: Record<string, ContentUse[]> };

type StepLike = Record<string, unknown>;

/** Finds where each content item and slot is used in `journeys` (archived ones left out) and as slots' defaults. */
export function findContentUsage(input: {
  journeys: UsageJourney[];
  content: Array<{ id: string; url: string }>;
  slots: Array<{ name: string; defaultContentId: string | null }>;
}): ContentUsage {
  const usage: ContentUsage = { content: {}, slots: {} };
  for (const item of input.content) usage.content[item.id] = [];
  for (const slot of input.slots) {
    usage.slots[slot.name] = [];
    if (slot.defaultContentId) push(usage.content, slot.defaultContentId, { type: "slot-default", slot: slot.name });
  }
  for (const journey of input.journeys) {
    if (journey.status === "archived") continue;
    const found = new Map<
      string,
      Extract<ContentUse, { type: "step" }> & { target: { kind: "content" | "slot"; key: string } }
    >();
    const scan = (document: unknown, which: "inDraft" | "live") => {
      for (const step of stepsOf(document)) {
        for (const ref of referencesOf(step, input.content)) {
          const key = `${ref.kind}:${ref.key}:${step.id}:${ref.how}`;
          const use = found.get(key) ?? {
            type: "step" as const,
            journeyId: journey.id,
            journeyName: journey.name,
            journeyStatus: journey.status,
            stepId: String(step.id),
            stepName: typeof step.name === "string" && step.name ? step.name : String(step.id),
            how: ref.how,
            ...(ref.slot ? { slot: ref.slot } : {}),
            inDraft: false,
            live: false,
            target: { kind: ref.kind, key: ref.key },
          };
          use[which] = true;
          found.set(key, use);
        }
      }
    };
    scan(journey.draft, "inDraft");
    if (journey.live !== null) scan(journey.live, "live");
    for (const { target, ...use } of found.values()) {
      push(target.kind === "content" ? usage.content : usage.slots, target.key, use);
    }
  }
  return usage;
}

function push(lists: Record<string, ContentUse[]>, key: string, use: ContentUse): void {
  const list = lists[key] ?? [];
  list.push(use);
  lists[key] = list;
}

function referencesOf(step: StepLike, content: Array<{ id: string; url: string }>): ContentReference[] {
  const spec = typeof step.type === "string" ? channelStepSpec(step.type) : undefined;
  if (!spec) return [];
  // What the channel shows in a slot, by its own rule (personalize); then any of its texts that links to an item.
  const refs = spec.contentReferences?.(step as ChannelStepFields) ?? [];
  if (spec.linksContent === false) return refs;
  const text = Object.entries(step)
    .filter(([field]) => !["id", "type", "name", "note", "next", "position"].includes(field))
    .map(([, value]) => (typeof value === "string" ? value : JSON.stringify(value ?? null)))
    .join("\n");
  for (const item of content) if (linksTo(text, item.url)) refs.push({ kind: "content", key: item.id, how: "links" });
  return refs;
}

/** Whether `text` holds `url` as a whole address ("/library/a" is not in "/library/a-b"). */
function linksTo(text: string, url: string): boolean {
  if (url.length < 2) return false;
  for (let at = text.indexOf(url); at !== -1; at = text.indexOf(url, at + 1)) {
    // A letter, digit or "-" after it, or a dot followed by one, makes it another address.
    const after = text.slice(at + url.length, at + url.length + 2);
    if (!/^[A-Za-z0-9_~%-]/.test(after) && !/^\.[A-Za-z0-9]/.test(after)) return true;
  }
  return false;
}

function stepsOf(document: unknown): Array<StepLike & { id: string }> {
  const steps = typeof document === "object" && document !== null ? (document as { steps?: unknown }).steps : undefined;
  if (!Array.isArray(steps)) return [];
  return steps.filter(
    (s): s is StepLike & { id: string } =>
      typeof s === "object" && s !== null && typeof (s as StepLike).id === "string",
  );
}
