import { formatDuration } from "../model/duration.ts";

/** One step of the migration chain: takes a document from schema version `from` to `from + 1`, never changing its input. */
export type JourneyMigration = {
  from: number;
  id: string;
  description: string;
  migrate: (document: Record<string, unknown>) => Record<string, unknown>;
};

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Seconds (version 0) → duration text (version 1). Anything but a positive whole number becomes text the validator reports. */
function seconds(value: unknown): unknown {
  if (typeof value !== "number") return value;
  return Number.isInteger(value) && value > 0 ? formatDuration(value * 1000) : `${value}s`;
}

/** Converts `record[key]` from seconds when present; returns the record unchanged otherwise. */
function withSeconds(record: unknown, key: string): unknown {
  if (!isRecord(record) || !(key in record)) return record;
  return { ...record, [key]: seconds(record[key]) };
}

function condition(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if (value.type === "event" && isRecord(value.since)) return { ...value, since: withSeconds(value.since, "within") };
  if ((value.type === "all" || value.type === "any") && Array.isArray(value.conditions))
    return { ...value, conditions: value.conditions.map(condition) };
  if (value.type === "not") return { ...value, condition: condition(value.condition) };
  return value;
}

function step(value: unknown, id: string | null): unknown {
  if (!isRecord(value)) return value;
  const { id: _own, ...rest } = value;
  const out: Json = id === null ? { ...value } : { id, ...rest };
  switch (out.type) {
    case "trigger":
      return { ...out, trigger: withSeconds(out.trigger, "every") };
    case "notification":
      return withSeconds(out, "expiresAfter");
    case "personalize":
      return withSeconds(out, "for");
    case "wait":
      return { ...out, wait: withSeconds(out.wait, "duration") };
    case "wait-for-event":
      return withSeconds(out, "timeout");
    case "branch":
      return Array.isArray(out.arms)
        ? {
            ...out,
            arms: out.arms.map((arm) => (isRecord(arm) ? { ...arm, condition: condition(arm.condition) } : arm)),
          }
        : out;
    default:
      return out;
  }
}

function settings(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out = withSeconds(value, "reentryAfter") as Json;
  return "goal" in out ? { ...out, goal: withSeconds(out.goal, "within") } : out;
}

/**
 * Version 0 → 1. Version 0 documents have no `schemaVersion`; their `steps` are an object keyed by step id (the
 * key is the id; a step's own `id`, if any, is replaced by it), and every duration is a number of seconds: a
 * wait's `duration`, a wait for an event's `timeout`, a notification's `expiresAfter`, a slot's `for`, a schedule
 * trigger's `every`, the settings' `reentryAfter` and `goal.within`, and a branch event condition's `since.within`.
 * Version 1 lists the steps in an array (in the object's key order) and writes durations as text ("7d").
 */
export const v0ToV1: JourneyMigration = {
  from: 0,
  id: "0-to-1-step-list-and-duration-text",
  description: 'steps keyed by id become a list; durations in seconds become text such as "7d"',
  migrate(document) {
    const steps = isRecord(document.steps)
      ? Object.entries(document.steps).map(([id, value]) => step(value, id))
      : Array.isArray(document.steps)
        ? document.steps.map((value) => step(value, null))
        : document.steps;
    return { ...document, ...("settings" in document ? { settings: settings(document.settings) } : {}), steps };
  },
};
