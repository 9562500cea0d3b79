/**
 * Where segments are named: in a journey document (trigger, schedule audience, branch arm, exit criterion) and in
 * other segments' rules. Drafts may be incomplete, so nothing here trusts their shape. Pure: the runtime feeds it the
 * workspace's journeys and segments, to list a segment's uses and to refuse deleting one a live journey needs.
 */

/** How a journey names a segment. */
export type SegmentMention = {
  segmentId: string;
  /** The step that names it; absent for an exit criterion (journey settings). */
  stepId?: string;
  how: "trigger" | "schedule-audience" | "branch-arm" | "exit-criterion";
};

/** Every mention of a segment in a journey document (a draft or a published version). */
export function segmentMentions(document: unknown): SegmentMention[] {
  const mentions: SegmentMention[] = [];
  const doc = recordOf(document);
  const steps = Array.isArray(doc?.steps) ? doc.steps : [];
  for (const raw of steps) {
    const step = recordOf(raw);
    if (!step || typeof step.id !== "string") continue;
    const stepId = step.id;
    const trigger = recordOf(step.trigger);
    if (step.type === "trigger" && trigger) {
      if (trigger.type === "segment" && typeof trigger.segmentId === "string")
        mentions.push({ segmentId: trigger.segmentId, stepId, how: "trigger" });
      const audience = recordOf(trigger.audience);
      if (trigger.type === "schedule" && typeof audience?.segmentId === "string")
        mentions.push({ segmentId: audience.segmentId, stepId, how: "schedule-audience" });
    }
    if (step.type === "branch" && Array.isArray(step.arms)) {
      for (const arm of step.arms) {
        for (const segmentId of conditionSegments(recordOf(arm)?.condition))
          mentions.push({ segmentId, stepId, how: "branch-arm" });
      }
    }
  }
  const criteria = recordOf(doc?.settings)?.exitCriteria;
  if (Array.isArray(criteria)) {
    for (const c of criteria) {
      const leaves = recordOf(c)?.leavesSegment;
      if (typeof leaves === "string") mentions.push({ segmentId: leaves, how: "exit-criterion" });
    }
  }
  return mentions;
}

/** The segments a segment rule (or a branch condition) names through `{ type: "segment" }` leaves, at any depth. */
export function segmentsInRule(rule: unknown): string[] {
  return [...new Set(conditionSegments(rule))];
}

function conditionSegments(node: unknown): string[] {
  const n = recordOf(node);
  if (!n) return [];
  if (n.type === "segment" && typeof n.segmentId === "string") return [n.segmentId];
  // Segment rules group under `rules`/`rule`, branch conditions under `conditions`/`condition`.
  const children = [n.rules, n.conditions].flatMap((c) => (Array.isArray(c) ? c : []));
  for (const single of [n.rule, n.condition]) if (single !== undefined) children.push(single);
  return children.flatMap(conditionSegments);
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
