import type { Store } from "../store/store.ts";

/**
 * The partitions holding a segment recheck due at `now`: one probe of segment_rechecks_due per partition (a pass
 * locks only partitions with work, and a recheck with no event or timer beside it is work).
 */
export async function partitionsWithDueRechecks(store: Store, now: number): Promise<number[]> {
  const probes = Array.from({ length: store.partitions }, (_, p) => p);
  const union = probes
    .map(
      () =>
        "SELECT CAST(? AS INTEGER) AS p WHERE EXISTS (SELECT 1 FROM segment_rechecks WHERE partition = ? AND at <= ?)",
    )
    .join(" UNION ALL ");
  const rows = await store.sql.all<{ p: unknown }>(
    union,
    probes.flatMap((p) => [p, p, now]),
  );
  return rows.map((r) => Number(r.p));
}
