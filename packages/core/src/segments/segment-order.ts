import { segmentNeeds } from "./segment-needs.ts";
import type { SegmentRule } from "./segment-rule.ts";

/** Segments in the order to evaluate them (each after the segments it reads), and the cycles that prevent one. */
export type SegmentOrder = {
  /** Every id given, each after the segments its rule reads; members of a cycle come in the order given. */
  order: string[];
  /** Groups of segments that read each other (a segment that reads itself is a group of one). */
  cycles: string[][];
};

/**
 * Dependency order for segments whose rules read other segments ("is in segment"). Unknown ids a rule reads are left
 * out (validation reports them). Tarjan's strongly connected components: each component comes out after the ones it
 * reads, so the order falls out of the same walk that finds the cycles. Deterministic for the same input.
 */
export function segmentOrder(defs: ReadonlyArray<{ id: string; rule: SegmentRule | null }>): SegmentOrder {
  const known = new Set(defs.map((d) => d.id));
  const reads = new Map(
    defs.map((d) => [d.id, d.rule ? segmentNeeds(d.rule).segments.filter((s) => known.has(s)) : []] as const),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string): void => {
    index.set(id, index.size);
    low.set(id, index.get(id) as number);
    stack.push(id);
    onStack.add(id);
    for (const next of reads.get(id) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id) as number, index.get(next) as number));
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let top: string;
    do {
      top = stack.pop() as string;
      onStack.delete(top);
      component.push(top);
    } while (top !== id);
    const given = defs.map((d) => d.id).filter((d) => component.includes(d));
    order.push(...given);
    if (component.length > 1 || reads.get(id)?.includes(id)) cycles.push(given);
  };
  for (const d of defs) if (!index.has(d.id)) visit(d.id);
  return { order, cycles };
}
