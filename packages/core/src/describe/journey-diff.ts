import { JourneyDocument } from "../model/journey.ts";
import type { Step } from "../model/step.ts";
import { describeExitCriteria, describeGoal } from "./describe-settings.ts";
import { describeStep } from "./describe-step.ts";
import { describeDuration } from "./describe-words.ts";

/** One field that differs: its dotted path inside the step or the settings, and its value on each side (absent: unset). */
export type FieldChange = { field: string; before: unknown; after: unknown };

/** A step as the diff names it: its id, type and the name the marketer gave it (the id when none). */
export type DiffStep = { id: string; type: string; name: string };

/**
 * What a draft changes against the running version, as data (for screens that lay it out) and as plain lines a
 * marketer reads ("Email 'Welcome': subject changed from 'Hi' to 'Hello'"). Where the editor draws steps (positions,
 * layout) and the simulated customers' behaviour are left out: they change nothing a customer sees.
 */
export type JourneyDiff = {
  /** True when nothing is running yet: every step is new. */
  isNew: boolean;
  name: FieldChange | null;
  description: FieldChange | null;
  added: DiffStep[];
  removed: DiffStep[];
  changed: Array<DiffStep & { fields: FieldChange[] }>;
  settings: FieldChange[];
  lines: string[];
};

/** Fields that change only how the editor draws or simulates the journey, never what it does. */
const COSMETIC_STEP_FIELDS = new Set(["id", "position"]);
const COSMETIC_SETTINGS = new Set(["simulation"]);

type Doc = { name?: unknown; description?: unknown; settings?: unknown; steps?: unknown };
type LooseStep = Record<string, unknown> & { id: string; type: string };

/**
 * The difference between the running version (`before`; null when the journey has never been published) and the
 * draft (`after`). Both are parsed as journey documents when they parse, so defaults filled in on one side only do not
 * show as changes; a document that does not parse is compared as it is.
 */
export function diffJourneys(before: unknown, after: unknown): JourneyDiff {
  const old = normalize(before);
  const now = normalize(after) ?? {};
  const oldSteps = stepsOf(old);
  const newSteps = stepsOf(now);
  const names = new Map<string, string>();
  for (const step of [...oldSteps, ...newSteps]) names.set(step.id, stepName(step));
  const oldById = new Map(oldSteps.map((s) => [s.id, s]));
  const newById = new Map(newSteps.map((s) => [s.id, s]));
  const added = newSteps.filter((s) => !oldById.has(s.id)).map(diffStep);
  const removed = oldSteps.filter((s) => !newById.has(s.id)).map(diffStep);
  const changed = newSteps.flatMap((step) => {
    const was = oldById.get(step.id);
    if (!was) return [];
    const fields = changesOf(was, step, COSMETIC_STEP_FIELDS);
    return fields.length > 0 ? [{ ...diffStep(step), fields }] : [];
  });
  // A new journey's settings are all new: its steps say what it does, its settings would only repeat the defaults.
  const settings = old ? changesOf(record(old.settings), record(now.settings), COSMETIC_SETTINGS) : [];
  const name = old && old.name !== now.name ? { field: "name", before: old.name, after: now.name } : null;
  const description =
    old && !same(old.description, now.description)
      ? { field: "description", before: old.description, after: now.description }
      : null;
  const diff = { isNew: old === null, name, description, added, removed, changed, settings };
  return { ...diff, lines: diffLines(diff, newSteps, names) };
}

function diffLines(diff: Omit<JourneyDiff, "lines">, newSteps: LooseStep[], names: Map<string, string>): string[] {
  const lines: string[] = [];
  if (diff.isNew) lines.push("New journey: no version is running yet");
  if (diff.name) lines.push(`Journey renamed from ${quote(diff.name.before)} to ${quote(diff.name.after)}`);
  if (diff.description) lines.push("Description changed");
  const byId = new Map(newSteps.map((s) => [s.id, s]));
  for (const step of diff.added) {
    const what = summary(byId.get(step.id));
    lines.push(`Added ${label(step)}${what ? `: ${what}` : ""}`);
  }
  for (const step of diff.removed) lines.push(`Removed ${label(step)}`);
  for (const step of diff.changed)
    for (const change of step.fields) lines.push(`${label(step)}: ${changeWords(change, names)}`);
  for (const change of diff.settings) lines.push(settingWords(change));
  if (lines.length === 0) lines.push("No changes from the running version");
  return lines;
}

function normalize(document: unknown): Doc | null {
  if (document === null || document === undefined) return null;
  const parsed = JourneyDocument.safeParse(document);
  return (parsed.success ? parsed.data : document) as Doc;
}

function stepsOf(document: Doc | null): LooseStep[] {
  const steps = Array.isArray(document?.steps) ? document.steps : [];
  return steps.filter(
    (s): s is LooseStep => typeof s === "object" && s !== null && typeof (s as LooseStep).id === "string",
  );
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stepName(step: LooseStep): string {
  return typeof step.name === "string" && step.name.trim() !== "" ? step.name : step.id;
}

function diffStep(step: LooseStep): DiffStep {
  return { id: step.id, type: String(step.type), name: stepName(step) };
}

/** "Email 'Welcome'", "Wait for event 'Login'". */
function label(step: DiffStep): string {
  return `${typeWords(step.type)} '${step.name}'`;
}

const TYPE_WORDS: Record<string, string> = { sms: "SMS", "update-profile": "Profile update" };

function typeWords(type: string): string {
  const words = TYPE_WORDS[type] ?? type.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What an added step does, in the words the editor uses; "" when the step is incomplete. */
function summary(step: LooseStep | undefined): string {
  if (!step) return "";
  try {
    return describeStep(step as unknown as Step);
  } catch {
    return "";
  }
}

/**
 * The fields that differ between two objects, as dotted paths: nested objects are walked (`wait.duration`), arrays
 * and values are compared whole (a branch's arms are one change).
 */
function changesOf(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  skip: ReadonlySet<string> = new Set(),
  prefix = "",
): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.has(k));
  return keys.flatMap((key) => {
    const [was, is] = [before[key], after[key]];
    if (same(was, is)) return [];
    const field = `${prefix}${key}`;
    if (isPlainObject(was) && isPlainObject(is)) return changesOf(was, is, new Set(), `${field}.`);
    return [{ field, before: was, after: is }];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return same(a, b);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => same(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return false;
}

/** "subject changed from 'Hi' to 'Hello'", "next step changed from 'Wait' to 'Done'", "note removed". */
function changeWords(change: FieldChange, names: Map<string, string>): string {
  const field = fieldWords(change.field);
  if (change.field === "next") {
    const side = (id: unknown) => (typeof id === "string" ? `'${names.get(id) ?? id}'` : "nothing");
    return `next step changed from ${side(change.before)} to ${side(change.after)}`;
  }
  if (change.before === undefined) return `${field} set to ${value(change.after)}`;
  if (change.after === undefined) return `${field} removed (was ${value(change.before)})`;
  if (!isShown(change.before) || !isShown(change.after)) return `${field} changed`;
  return `${field} changed from ${value(change.before)} to ${value(change.after)}`;
}

function settingWords(change: FieldChange): string {
  const root = change.field.split(".")[0];
  if (root === "goal") {
    const words = (goal: unknown) => (goal ? describeGoal(goal as Parameters<typeof describeGoal>[0]) : "none");
    return `Goal changed from ${words(change.before)} to ${words(change.after)}`;
  }
  if (root === "exitCriteria") {
    const words = (c: unknown) =>
      Array.isArray(c) && c.length > 0 ? describeExitCriteria(c as Parameters<typeof describeExitCriteria>[0]) : "none";
    return `Exit criteria changed from '${words(change.before)}' to '${words(change.after)}'`;
  }
  return `Settings: ${changeWords(change, new Map())}`;
}

/** "wait.duration" → "wait duration"; "reentryAfter" → "reentry after". */
function fieldWords(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/\./g, " ")
    .toLowerCase();
}

/** Whether a value reads well in one line: text, numbers, yes/no and short lists of them. */
function isShown(v: unknown): boolean {
  if (v === null || ["string", "number", "boolean"].includes(typeof v)) return true;
  return Array.isArray(v) && v.length <= 7 && v.every((item) => ["string", "number"].includes(typeof item));
}

const LONGEST = 80;

function value(v: unknown): string {
  if (typeof v === "string") return quote(/^\d+[smhdw](\d+[smhdw])*$/.test(v) ? describeDuration(v) : v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (v === null) return "nothing";
  if (Array.isArray(v) && isShown(v)) return v.length === 0 ? "none" : v.join(", ");
  if (typeof v === "number") return String(v);
  return "a new value";
}

function quote(v: unknown): string {
  const text = String(v).replace(/\s+/g, " ");
  return `'${text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text}'`;
}
