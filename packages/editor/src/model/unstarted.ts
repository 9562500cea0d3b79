import type { JourneyDocument } from "@overture/core";

/**
 * Whether the draft is a journey as it is created: its trigger alone, leading nowhere yet. That is not a mistake
 * of the author's but a journey not started, so the editor guides them ("Start by choosing what starts the
 * journey") instead of listing a problem; publishing stays refused all the same.
 */
export function isUnstarted(document: JourneyDocument): boolean {
  const [only, ...rest] = document.steps;
  return rest.length === 0 && only?.type === "trigger" && !only.next;
}
