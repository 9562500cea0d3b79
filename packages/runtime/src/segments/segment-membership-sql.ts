import type { JourneyFact } from "@overture/core";
import { json } from "../store/rows.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { SegmentMembershipReads } from "./segment-ports.ts";

/** Keys per statement: well under SQLite's parameter limit, and a PostgreSQL array of this size plans as one probe each. */
const CHUNK = 500;

function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `IN (?, ?, …)` on SQLite, `= ANY(?)` with one array on PostgreSQL: one statement text whatever the list's length there. */
export function inList(
  sql: SqlRunner,
  column: string,
  values: readonly unknown[],
): { text: string; params: unknown[] } {
  if (sql.dialect === "postgres") return { text: `${column} = ANY(?)`, params: [values] };
  return { text: `${column} IN (${values.map(() => "?").join(",")})`, params: [...values] };
}

/**
 * The membership reads of segment-ports.ts over plain SQL: inside a partition transaction (`PartitionTx.sql`) for the
 * batch path and builds, or over the store's runner for an estimate.
 */
export function membershipReads(sql: SqlRunner, partitions: readonly number[] = []): SegmentMembershipReads {
  return {
    async memberships(workspaceId, customerIds) {
      const out = new Map<string, Set<string>>(customerIds.map((id) => [id, new Set()]));
      for (const chunk of chunked(customerIds)) {
        const ids = inList(sql, "customer_id", chunk);
        const rows = await sql.all<{ customer_id: string; segment_id: string }>(
          `SELECT customer_id, segment_id FROM segment_members WHERE workspace_id = ? AND ${ids.text}`,
          [workspaceId, ...ids.params],
        );
        for (const r of rows) out.get(r.customer_id)?.add(r.segment_id);
      }
      return out;
    },

    async journeyFacts(workspaceId, customerIds) {
      const out = new Map<string, JourneyFact[]>(customerIds.map((id) => [id, []]));
      const key =
        sql.dialect === "sqlite"
          ? "h.instance_iid = i.iid"
          : "h.workspace_id = i.workspace_id AND h.instance_id = i.id";
      const steps = sql.dialect === "sqlite" ? "group_concat(h.steps, char(1))" : "string_agg(h.steps::text, chr(1))";
      for (const chunk of chunked(customerIds)) {
        const ids = inList(sql, "i.customer_id", chunk);
        // One row per instance with its wake-ups' steps: reached steps and goals (conversions) come from history.
        const rows = await sql.all<{
          customer_id: string;
          journey_id: string;
          status: string;
          goals: unknown;
          steps: string | null;
        }>(
          `SELECT i.customer_id, i.journey_id, i.status, sum(h.goals) AS goals, ${steps} AS steps
           FROM instances i LEFT JOIN step_history h ON ${key}
           WHERE i.workspace_id = ? AND ${ids.text} GROUP BY i.customer_id, i.journey_id, i.id, i.status`,
          [workspaceId, ...ids.params],
        );
        for (const r of rows) {
          const list = out.get(r.customer_id);
          if (!list) continue;
          let fact = list.find((f) => f.journeyId === r.journey_id);
          if (!fact) {
            fact = { journeyId: r.journey_id, active: false, completed: false, converted: false, stepsReached: [] };
            list.push(fact);
          }
          const reached = new Set(fact.stepsReached);
          for (const part of r.steps ? r.steps.split("\u0001") : [])
            for (const [stepId] of json(part) as unknown as Array<[string]>) reached.add(stepId);
          list[list.indexOf(fact)] = {
            journeyId: fact.journeyId,
            active: fact.active || r.status === "active" || r.status === "waiting",
            completed: fact.completed || r.status === "completed",
            converted: fact.converted || Number(r.goals ?? 0) > 0,
            stepsReached: [...reached],
          };
        }
      }
      return out;
    },

    async dueRechecks(now, limit) {
      const out: Array<{ workspaceId: string; segmentId: string; customerId: string }> = [];
      for (const p of partitions) {
        const rows = await sql.all<{ workspace_id: string; segment_id: string; customer_id: string }>(
          "SELECT workspace_id, segment_id, customer_id FROM segment_rechecks WHERE partition = ? AND at <= ? ORDER BY at LIMIT ?",
          [p, now, limit],
        );
        for (const r of rows)
          out.push({ workspaceId: r.workspace_id, segmentId: r.segment_id, customerId: r.customer_id });
      }
      return out;
    },
  };
}

/** Members of a segment in customer order after `after`, at most `limit`: paged through segment_members_page. */
export async function segmentMemberIds(
  sql: SqlRunner,
  workspaceId: string,
  segmentId: string,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows = await sql.all<{ customer_id: string }>(
    "SELECT customer_id FROM segment_members WHERE workspace_id = ? AND segment_id = ? AND customer_id > ? ORDER BY customer_id LIMIT ?",
    [workspaceId, segmentId, after, limit],
  );
  return rows.map((r) => r.customer_id);
}

/** A segment's size: the sum of its per-partition counters. */
export async function segmentSize(sql: SqlRunner, workspaceId: string, segmentId: string): Promise<number> {
  const [row] = await sql.all<{ n: unknown }>(
    "SELECT coalesce(sum(size), 0) AS n FROM segment_counts WHERE workspace_id = ? AND segment_id = ?",
    [workspaceId, segmentId],
  );
  return Number(row?.n ?? 0);
}
