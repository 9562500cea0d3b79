import type { CustomerEvent, Json, SegmentFacts, SegmentRule } from "@overture/core";
import { segmentNeeds } from "@overture/core";
import type { SqlRunner } from "../store/sql-runner.ts";
import { decideSegments } from "./segment-decide.ts";
import { SEGMENT_EVENTS_LIMIT } from "./segment-facts-loader.ts";
import { inList, membershipReads } from "./segment-membership-sql.ts";
import { writeSegmentChanges } from "./segment-membership-writes.ts";
import type { SegmentDefinitionRow } from "./segment-ports.ts";
import { markSegmentBuilt } from "./segment-rows.ts";

/** Customers read, decided and written at once: one range of each table per chunk. */
const CHUNK = 5_000;

type Buildable = SegmentDefinitionRow & { rule: SegmentRule };

/** True when a rule reads event properties (property filters, dwell time): only then are they read and parsed. */
export function readsProperties(rule: SegmentRule): boolean {
  switch (rule.type) {
    case "all":
    case "any":
      return rule.rules.some(readsProperties);
    case "not":
      return readsProperties(rule.rule);
    case "dwell":
    case "email-engagement":
      return true;
    case "event":
    case "event-time":
      return (rule.where?.length ?? 0) > 0;
    default:
      return false;
  }
}

/** What the pass reads for one chunk: the next customers after `after`, with the facts the rule needs. */
type Chunk = { facts: Map<string, SegmentFacts>; last: string; count: number };

type ChunkQuery = {
  workspaceId: string;
  needs: ReturnType<typeof segmentNeeds>;
  properties: boolean;
  names: { text: string; params: unknown[] } | null;
  now: number;
};

async function readChunk(reader: SqlRunner, q: ChunkQuery, after: string): Promise<Chunk | null> {
  const { workspaceId, needs, properties, names, now } = q;
  const customers = await reader.all<{ id: string; attributes?: unknown }>(
    `SELECT id${needs.attributes ? ", attributes" : ""} FROM customers WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?`,
    [workspaceId, after, CHUNK],
  );
  if (customers.length === 0) return null;
  const last = customers[customers.length - 1]!.id;
  const facts = new Map<string, SegmentFacts>();
  for (const c of customers)
    facts.set(c.id, {
      id: c.id,
      attributes:
        c.attributes === undefined
          ? {}
          : typeof c.attributes === "string"
            ? (JSON.parse(c.attributes) as Record<string, Json>)
            : (c.attributes as Record<string, Json>),
      events: [],
      segments: new Set(),
    });
  if (names && reader.dialect === "postgres" && !properties) {
    // One row per customer, its events' names and times joined: a fifth of the rows to send and parse, which is
    // what a PostgreSQL build spends its time on (docs/benchmarks.md, "Segments").
    const rows = await reader.all<{ customer_id: string; names: string; ats: string }>(
      `SELECT customer_id, string_agg(name, E'\\x1f') AS names, string_agg(at::text, ',') AS ats FROM events
       WHERE workspace_id = ? AND customer_id > ? AND customer_id <= ? AND ${names.text} GROUP BY customer_id`,
      [workspaceId, after, last, ...names.params],
    );
    for (const r of rows) {
      const f = facts.get(r.customer_id);
      if (!f) continue;
      const eventNames = r.names.split("\x1f");
      const ats = r.ats.split(",");
      const list = f.events as CustomerEvent[];
      for (let i = 0; i < ats.length; i++) {
        const at = Number(ats[i]);
        if (at <= now)
          list.push({ id: "", name: eventNames[i] as string, customerId: r.customer_id, properties: {}, at });
      }
    }
  } else if (names) {
    const rows = await reader.all<{ customer_id: string; name: string; at: unknown; properties?: unknown }>(
      `SELECT customer_id, name, at${properties ? ", properties" : ""} FROM events
       WHERE workspace_id = ? AND customer_id > ? AND customer_id <= ? AND ${names.text}`,
      [workspaceId, after, last, ...names.params],
    );
    for (const r of rows) {
      const f = facts.get(r.customer_id);
      const at = Number(r.at);
      if (!f || at > now) continue;
      const props =
        r.properties === undefined
          ? {}
          : typeof r.properties === "string"
            ? (JSON.parse(r.properties) as Record<string, Json>)
            : (r.properties as Record<string, Json>);
      (f.events as CustomerEvent[]).push({ id: "", name: r.name, customerId: r.customer_id, properties: props, at });
    }
  }
  for (const f of facts.values()) {
    const list = f.events as CustomerEvent[];
    if (list.length < 2) continue;
    list.sort((a, b) => a.at - b.at);
    // The same bound the batch path sees: a decision never depends on which path made it.
    if (list.length > SEGMENT_EVENTS_LIMIT) f.events = list.slice(list.length - SEGMENT_EVENTS_LIMIT);
  }
  const members = await reader.all<{ customer_id: string; segment_id: string }>(
    "SELECT customer_id, segment_id FROM segment_members WHERE workspace_id = ? AND customer_id > ? AND customer_id <= ?",
    [workspaceId, after, last],
  );
  for (const m of members) (facts.get(m.customer_id)?.segments as Set<string> | undefined)?.add(m.segment_id);
  if (needs.journeys) {
    const journeys = await membershipReads(reader).journeyFacts(
      workspaceId,
      customers.map((c) => c.id),
    );
    for (const [id, list] of journeys) {
      const f = facts.get(id);
      if (f) f.journeys = list;
    }
  }
  return { facts, last, count: customers.length };
}

/**
 * Builds a segment's membership for the whole workspace in one ordered pass, inside a transaction that holds every
 * partition (`sql` is its runner): the workspace's customers in id order, a chunk at a time, each chunk's events,
 * memberships and (when read) journey facts as one key range of their customer-ordered indexes, instead of one
 * index range per customer. Reads are what cost a build (docs/benchmarks.md, "Segments"): one range per chunk of
 * 5,000 customers is a few hundred statements for a million, against a million. Records every partition built.
 */
export async function buildSegmentAtOnce(
  sql: SqlRunner,
  partitions: number,
  segment: Buildable,
  now: number,
  options: { reader?: SqlRunner; onProgress?: (customers: number) => void } = {},
): Promise<number> {
  const reader = options.reader ?? sql;
  const onProgress = options.onProgress;
  const { workspaceId } = segment;
  const needs = segmentNeeds(segment.rule);
  const properties = readsProperties(segment.rule);
  const one = { ordered: [segment], needs };
  const names = needs.events.length > 0 ? inList(sql, "name", needs.events) : null;
  await sql.run("DELETE FROM segment_rechecks WHERE workspace_id = ? AND segment_id = ?", [workspaceId, segment.id]);
  const q: ChunkQuery = { workspaceId, needs, properties, names, now };
  let decided = 0;
  // The next chunk is read (on `reader`, another connection on PostgreSQL) while this one is decided and written:
  // each chunk's writes touch its own customers only, and the engine, which could change what is read, waits for
  // the build (events ingested meanwhile are queued and decided by the batch path after it).
  let next = readChunk(reader, q, "");
  next.catch(() => undefined);
  for (;;) {
    const chunk = await next;
    if (!chunk) break;
    next = chunk.count < CHUNK ? Promise.resolve(null) : readChunk(reader, q, chunk.last);
    // Awaited at the next turn; if this chunk's write throws first, the read's failure must not go unhandled.
    next.catch(() => undefined);
    const { facts } = chunk;
    const { changes, rechecks } = decideSegments(workspaceId, one, facts, now, {
      announce: false,
      decides: () => true,
    });
    await writeSegmentChanges(
      sql,
      partitions,
      changes,
      rechecks.filter((r) => r.at !== null),
    );
    decided += chunk.count;
    onProgress?.(decided);
  }
  await markSegmentBuilt(sql, { workspaceId, segmentId: segment.id, version: segment.version }, partitions, partitions);
  return decided;
}
