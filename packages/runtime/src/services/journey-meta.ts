import type { JourneyRecord } from "../api.ts";
import { InputError } from "../errors.ts";

/** What the journeys list edits besides the draft: the name, the tags it is filed under, and who owns it. */
export type JourneyMeta = { name?: string; tags?: string[]; owner?: string };

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 50;

/**
 * Trims tags and drops empty ones and repeats (case-insensitively, keeping the first spelling), so "Billing" and
 * "billing " file a journey once. Refuses more than 20 tags or one longer than 50 characters, naming it.
 */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  tags.forEach((raw, index) => {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (!tag || seen.has(tag.toLowerCase())) return;
    if (tag.length > MAX_TAG_LENGTH)
      throw new InputError("invalid_input", `Tag '${tag.slice(0, 20)}…' is longer than ${MAX_TAG_LENGTH} characters`, [
        { path: `tags[${index}]`, code: "too_big", message: `at most ${MAX_TAG_LENGTH} characters` },
      ]);
    seen.add(tag.toLowerCase());
    kept.push(tag);
  });
  if (kept.length > MAX_TAGS)
    throw new InputError("invalid_input", `A journey has at most ${MAX_TAGS} tags`, [
      { path: "tags", code: "too_big", message: `at most ${MAX_TAGS} tags` },
    ]);
  return kept;
}

/** The journey with `meta` applied; a new name is written into the draft as well, so the editor shows it. */
export function withMeta(journey: JourneyRecord, meta: JourneyMeta, now: number): JourneyRecord {
  const next = { ...journey, updatedAt: now };
  if (meta.name !== undefined) {
    const name = meta.name.trim();
    if (!name)
      throw new InputError("invalid_input", "A journey needs a name", [
        { path: "name", code: "required", message: "Give the journey a name" },
      ]);
    next.name = name;
    if (isObject(journey.draft)) next.draft = { ...journey.draft, name };
  }
  if (meta.tags !== undefined) next.tags = normalizeTags(meta.tags);
  if (meta.owner !== undefined) next.owner = meta.owner.trim();
  return next;
}

/** A draft copy of `source` named "X (copy)": same draft, tags and owner; never published, no customers. */
export function copyOf(source: JourneyRecord, id: string, now: number): JourneyRecord {
  const name = `${source.name} (copy)`.slice(0, 200);
  const draft = isObject(source.draft) ? { ...source.draft, name } : source.draft;
  return {
    ...source,
    id,
    name,
    draft,
    status: "draft",
    currentVersion: null,
    tags: [...source.tags],
    createdAt: now,
    updatedAt: now,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
