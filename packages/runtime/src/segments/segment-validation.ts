import { SegmentDefinition, type SegmentKnown, segmentProblems } from "@overture/core";
import { InputError, type Problem } from "../errors.ts";
import type { Store } from "../store/store.ts";
import type { SegmentRow } from "./segment-rows.ts";

/**
 * Checks a definition against the workspace with the core's `segmentProblems`: its shape, then the segments, journeys
 * and steps its rule names, cycles through other segments, durations, empty groups. Throws InputError `invalid_input`
 * (400) listing every problem with its path. Returns the parsed definition.
 */
export async function validSegmentDefinition(
  store: Store,
  workspaceId: string,
  input: unknown,
  segments: SegmentRow[],
  selfId: string | null,
): Promise<SegmentDefinition> {
  const parsed = SegmentDefinition.safeParse(input);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
      "The segment is not valid",
    );
  }
  const definition = parsed.data;
  if (definition.kind !== "dynamic") return definition;
  const problems = segmentProblems(
    { ...(selfId ? { id: selfId } : {}), rule: definition.rule },
    await segmentKnown(store, workspaceId, segments),
  );
  if (problems.length > 0) throw invalid(problems, `The segment's rule has ${problems.length} problem(s)`);
  return definition;
}

/** What a rule may name in the workspace: its live segments (with their rules, for cycles) and journeys' steps. */
async function segmentKnown(store: Store, workspaceId: string, segments: SegmentRow[]): Promise<SegmentKnown> {
  const journeys: Array<{ id: string; stepIds: string[] }> = [];
  for (const journey of await store.listJourneys(workspaceId)) {
    // A step of the draft or of the version customers are in: both are steps a customer may reach.
    const live = journey.currentVersion
      ? await store.getVersion(workspaceId, journey.id, journey.currentVersion)
      : null;
    const stepIds = new Set([...stepIdsOf(journey.draft), ...stepIdsOf(live?.document)]);
    journeys.push({ id: journey.id, stepIds: [...stepIds] });
  }
  const liveSegments = segments.filter((s) => s.deletedAt === null);
  return {
    segmentIds: liveSegments.map((s) => s.id),
    journeys,
    rules: liveSegments.map((s) => ({ id: s.id, rule: s.rule })),
  };
}

function stepIdsOf(document: unknown): string[] {
  const steps = typeof document === "object" && document !== null ? (document as { steps?: unknown }).steps : null;
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((s) => (typeof s?.id === "string" ? [s.id as string] : []));
}

function invalid(problems: Problem[], message: string): InputError {
  return new InputError("invalid_input", message, problems);
}
