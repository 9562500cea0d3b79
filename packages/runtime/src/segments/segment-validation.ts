import { SegmentDefinition, segmentsInRule } from "@overture/core";
import type { Problem } from "../errors.ts";
import { InputError } from "../errors.ts";
import type { SegmentRow } from "./segment-rows.ts";

/**
 * Checks a definition against the workspace: its shape, then the segments its rule names (each must exist, and a rule
 * may not come back to itself through other segments). Throws InputError `invalid_input` (400) listing every problem
 * with its path. Returns the parsed definition.
 */
export function validSegmentDefinition(input: unknown, segments: SegmentRow[], selfId: string | null): SegmentDefinition {
  const parsed = SegmentDefinition.safeParse(input);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
      "The segment is not valid",
    );
  }
  const definition = parsed.data;
  if (definition.kind !== "dynamic") return definition;
  const problems: Problem[] = [];
  const byId = new Map(segments.filter((s) => s.deletedAt === null).map((s) => [s.id, s]));
  for (const path of segmentPaths(definition.rule, "rule")) {
    if (path.segmentId === selfId)
      problems.push({ path: path.path, code: "segment_cycle", message: "A segment cannot include itself" });
    else if (!byId.has(path.segmentId))
      problems.push({ path: path.path, code: "unknown_segment", message: `No segment '${path.segmentId}' here` });
    else if (selfId && reaches(path.segmentId, selfId, byId))
      problems.push({
        path: path.path,
        code: "segment_cycle",
        message: `Segment '${path.segmentId}' includes this one: they would include each other`,
      });
  }
  if (problems.length > 0) throw invalid(problems, `The segment's rule has ${problems.length} problem(s)`);
  return definition;
}

function invalid(problems: Problem[], message: string): InputError {
  return new InputError("invalid_input", message, problems);
}

/** Whether `from`'s rule leads to `target` through the segments it names. */
function reaches(from: string, target: string, byId: Map<string, SegmentRow>, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const names = segmentsInRule(byId.get(from)?.rule ?? null);
  return names.includes(target) || names.some((n) => reaches(n, target, byId, seen));
}

/** The `segment` leaves of a rule with their paths ("rule.rules.1.rule.segmentId"). */
function segmentPaths(node: unknown, path: string): Array<{ segmentId: string; path: string }> {
  if (typeof node !== "object" || node === null) return [];
  const n = node as { type?: unknown; segmentId?: unknown; rules?: unknown; rule?: unknown };
  if (n.type === "segment" && typeof n.segmentId === "string") return [{ segmentId: n.segmentId, path: `${path}.segmentId` }];
  if (Array.isArray(n.rules)) return n.rules.flatMap((r, i) => segmentPaths(r, `${path}.rules.${i}`));
  if (n.rule !== undefined) return segmentPaths(n.rule, `${path}.rule`);
  return [];
}
