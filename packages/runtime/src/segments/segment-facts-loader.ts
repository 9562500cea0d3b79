import type { CustomerEvent, JourneyFact, Json, SegmentFacts, SegmentNeeds } from "@overture/core";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { PartitionTx } from "../store/store.ts";
import { inList, membershipReads } from "./segment-membership-sql.ts";
import type { SegmentMembershipReads } from "./segment-ports.ts";

/**
 * How many of a customer's events (of the names the rules read) a decision sees: the latest this many, as the
 * journey interpreter's branch facts (FACT_EVENTS_LIMIT). A rule counting more than this many of one customer's
 * events ("at least 2,000 logins") sees 1,000 (docs/segments.md, "Membership").
 */
export const SEGMENT_EVENTS_LIMIT = 1_000;

/** What the facts loader reads: the partition transaction's own reads, or plain SQL outside one (an estimate). */
export type SegmentFactsReader = Pick<PartitionTx, "customerAttributes" | "customerEvents"> &
  Pick<SegmentMembershipReads, "memberships" | "journeyFacts">;

/** The reader inside a partition transaction: its prepared reads for profiles and events, plain SQL for the rest. */
export function partitionFactsReader(tx: PartitionTx): SegmentFactsReader {
  const reads = membershipReads(tx.sql);
  return {
    customerAttributes: (w, ids) => tx.customerAttributes(w, ids),
    customerEvents: (w, ids, names, limit) => tx.customerEvents(w, ids, names, limit),
    memberships: reads.memberships,
    journeyFacts: reads.journeyFacts,
  };
}

/** The reader over any SqlRunner (the store's `sql`, or a transaction's): what an estimate uses outside the engine. */
export function sqlFactsReader(sql: SqlRunner): SegmentFactsReader {
  const reads = membershipReads(sql);
  return {
    async customerAttributes(workspaceId, customerIds) {
      const out = new Map<string, Record<string, Json>>(customerIds.map((id) => [id, {}]));
      for (let i = 0; i < customerIds.length; i += 500) {
        const ids = inList(sql, "id", customerIds.slice(i, i + 500));
        const rows = await sql.all<{ id: string; attributes: unknown }>(
          `SELECT id, attributes FROM customers WHERE workspace_id = ? AND ${ids.text}`,
          [workspaceId, ...ids.params],
        );
        for (const r of rows)
          out.set(r.id, typeof r.attributes === "string" ? JSON.parse(r.attributes) : (r.attributes as never));
      }
      return out;
    },
    async customerEvents(workspaceId, customerIds, names, limit) {
      const out = new Map<string, CustomerEvent[]>(customerIds.map((id) => [id, []]));
      if (names.length === 0) return out;
      const nameList = inList(sql, "name", names);
      // One index range per customer (events_customer), newest first, as the partition transaction reads them.
      for (const id of customerIds) {
        const rows = await sql.all<Record<string, unknown>>(
          `SELECT id, name, customer_id, properties, at FROM events WHERE workspace_id = ? AND customer_id = ? AND ${nameList.text}
           ORDER BY at DESC, seq DESC LIMIT ?`,
          [workspaceId, id, ...nameList.params, limit],
        );
        out.set(
          id,
          rows.reverse().map((r) => ({
            id: r.id as string,
            name: r.name as string,
            customerId: r.customer_id as string,
            properties: typeof r.properties === "string" ? JSON.parse(r.properties) : (r.properties as never),
            at: Number(r.at),
          })),
        );
      }
      return out;
    },
    memberships: reads.memberships,
    journeyFacts: reads.journeyFacts,
  };
}

/**
 * The facts of many customers of one workspace at once, for the segment rules whose `needs` are given: one query per
 * kind of fact (attributes, events, journeys, memberships), never one per rule. Events after `now` are left out (a
 * simulation stores events ahead of their time). Every customer asked is a key of the answer.
 */
export async function loadSegmentFacts(
  reader: SegmentFactsReader,
  workspaceId: string,
  customerIds: string[],
  needs: SegmentNeeds,
  now: number,
): Promise<Map<string, SegmentFacts>> {
  const ids = [...new Set(customerIds)];
  const attributes = needs.attributes ? await reader.customerAttributes(workspaceId, ids) : undefined;
  const events =
    needs.events.length > 0
      ? await reader.customerEvents(workspaceId, ids, needs.events, SEGMENT_EVENTS_LIMIT)
      : undefined;
  const journeys: Map<string, JourneyFact[]> | undefined = needs.journeys
    ? await reader.journeyFacts(workspaceId, ids)
    : undefined;
  // Always read: the batch path diffs decisions with them, and "in segment" rules read them.
  const memberships = await reader.memberships(workspaceId, ids);
  const out = new Map<string, SegmentFacts>();
  for (const id of ids) {
    const facts: SegmentFacts = {
      id,
      attributes: attributes?.get(id) ?? {},
      events: (events?.get(id) ?? []).filter((e) => e.at <= now),
      segments: memberships.get(id) ?? new Set(),
    };
    if (journeys) facts.journeys = journeys.get(id) ?? [];
    out.set(id, facts);
  }
  return out;
}
