import { type CustomerEvent, evaluateSegment, type Json, type SegmentRule, segmentNeeds } from "@overture/core";
import { json, num } from "../store/rows.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { Store } from "../store/store.ts";
import { readsProperties } from "./segment-build-at-once.ts";
import { loadSegmentFacts, type SegmentFactsReader, sqlFactsReader } from "./segment-facts-loader.ts";
import { inList } from "./segment-membership-sql.ts";
import type { SegmentEstimate } from "./segment-types.ts";

/**
 * Customers evaluated at most: about ±2.2 points at 95%, and within a second at 1,000,000 customers on both stores.
 * 5,000 (±1.4 points) took 1.75 s on SQLite there, its reads of random customers' events being random page reads
 * (docs/benchmarks.md, "Segments, one ordered pass").
 */
export const ESTIMATE_SAMPLE = 2_000;
/** Customers whose facts are loaded per round. */
const CHUNK = 500;
/** z for a two-sided 95% interval. */
const Z = 1.96;

/**
 * How many customers `rule` would hold now: every customer of a small workspace, else a uniform random sample of
 * about {@link ESTIMATE_SAMPLE} (each customer drawn with the same chance, so every partition is drawn from) evaluated
 * with the same facts and evaluator as membership itself, scaled up, with a 95% Wilson interval narrowed by the
 * finite population correction (docs/decisions/0037).
 */
export async function estimateSegment(
  store: Store,
  workspaceId: string,
  rule: SegmentRule,
  now: number,
  options: { sampleSize?: number; population?: PopulationCount } = {},
): Promise<SegmentEstimate> {
  const started = performance.now();
  const sampleSize = options.sampleSize ?? ESTIMATE_SAMPLE;
  const population = await (options.population ?? countCustomers)(store.sql, workspaceId);
  const exact = population <= sampleSize;
  const ids = exact
    ? await allCustomerIds(store.sql, workspaceId)
    : await sampleCustomerIds(store.sql, workspaceId, population, sampleSize);
  const needs = segmentNeeds(rule);
  const reader: SegmentFactsReader = {
    ...sqlFactsReader(store.sql),
    customerEvents: chunkEvents(store.sql, readsProperties(rule)),
  };
  let matched = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const facts = await loadSegmentFacts(reader, workspaceId, ids.slice(i, i + CHUNK), needs, now);
    for (const f of facts.values()) if (evaluateSegment(rule, f, now).member) matched++;
  }
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (exact) return { estimate: matched, low: matched, high: matched, exact, sampled: ids.length, population, ms };
  const { estimate, low, high } = scaleUp(matched, ids.length, population);
  return { estimate, low, high, exact, sampled: ids.length, population, ms };
}

/**
 * A sample's count scaled to the population, with the 95% Wilson score interval (sound near 0% and 100%, where the
 * normal one is not) narrowed by the finite population correction.
 */
export function scaleUp(
  matched: number,
  sampled: number,
  population: number,
): { estimate: number; low: number; high: number } {
  if (sampled === 0) return { estimate: 0, low: 0, high: population };
  const p = matched / sampled;
  const z2 = Z * Z;
  const center = (p + z2 / (2 * sampled)) / (1 + z2 / sampled);
  const fpc = population > 1 ? Math.sqrt(Math.max(0, population - sampled) / (population - 1)) : 0;
  const half = (Z / (1 + z2 / sampled)) * Math.sqrt((p * (1 - p)) / sampled + z2 / (4 * sampled * sampled)) * fpc;
  const estimate = Math.round(p * population);
  const low = Math.min(estimate, Math.max(0, Math.floor((center - half) * population)));
  const high = Math.max(estimate, Math.min(population, Math.ceil((center + half) * population)));
  return { estimate, low, high };
}

/** How many customers a workspace has. */
export type PopulationCount = (sql: SqlRunner, workspaceId: string) => Promise<number>;

/**
 * Counts once per workspace every `maxAgeMs` (of wall time): a marketer editing a rule asks for an estimate at every
 * change, and counting a million customers costs more than the rest of an estimate. A count that old is near enough.
 */
export function cachedPopulation(maxAgeMs = 60_000): PopulationCount {
  const counted = new Map<string, { n: number; at: number }>();
  return async (sql, workspaceId) => {
    const known = counted.get(workspaceId);
    if (known && performance.now() - known.at < maxAgeMs) return known.n;
    const n = await countCustomers(sql, workspaceId);
    if (counted.size > 1_000) counted.clear();
    counted.set(workspaceId, { n, at: performance.now() });
    return n;
  };
}

async function countCustomers(sql: SqlRunner, workspaceId: string): Promise<number> {
  const [row] = await sql.all<{ n: unknown }>("SELECT COUNT(*) AS n FROM customers WHERE workspace_id = ?", [
    workspaceId,
  ]);
  return num(row?.n ?? 0);
}

async function allCustomerIds(sql: SqlRunner, workspaceId: string): Promise<string[]> {
  const rows = await sql.all<{ id: string }>("SELECT id FROM customers WHERE workspace_id = ?", [workspaceId]);
  return rows.map((r) => r.id);
}

/**
 * A uniform random sample of a workspace's customers, without sorting or reading all of them where it can.
 * PostgreSQL keeps each row with the same chance in its scan (TABLESAMPLE BERNOULLI, a little more than wanted), then
 * the sample is cut to `size` at random. SQLite draws distinct random rowids and keeps those of the workspace
 * (rejection sampling: every customer equally likely), a few thousand index probes; when the workspace is a small part
 * of the file (few hits), it draws a random number per customer instead.
 */
async function sampleCustomerIds(
  sql: SqlRunner,
  workspaceId: string,
  population: number,
  size: number,
): Promise<string[]> {
  if (sql.dialect === "sqlite") {
    const drawn = await rowidSample(sql, workspaceId, population, size);
    if (drawn) return drawn;
  }
  const chance = Math.min(1, (size * 1.15) / population);
  const rows =
    sql.dialect === "postgres"
      ? await sql.all<{ id: string }>("SELECT id FROM customers TABLESAMPLE BERNOULLI (?) WHERE workspace_id = ?", [
          chance * 100,
          workspaceId,
        ])
      : await sql.all<{ id: string }>(
          "SELECT id FROM customers WHERE workspace_id = ? AND (random() & 1073741823) < ?",
          [workspaceId, Math.floor(chance * 1073741824)],
        );
  return shuffled(
    rows.map((r) => r.id),
    size,
  );
}

/** SQLite: distinct random rowids in the table's range, kept when they are the workspace's; null when too few hit. */
async function rowidSample(
  sql: SqlRunner,
  workspaceId: string,
  population: number,
  size: number,
): Promise<string[] | null> {
  const [range] = await sql.all<{ lo: unknown; hi: unknown }>(
    "SELECT (SELECT min(rowid) FROM customers) AS lo, (SELECT max(rowid) FROM customers) AS hi",
  );
  const lo = num(range?.lo ?? 0);
  const span = num(range?.hi ?? 0) - lo + 1;
  const hitRate = population / span;
  if (!(hitRate >= 0.05)) return null;
  const tried = new Set<number>();
  const ids = new Set<string>();
  for (let round = 0; round < 4 && ids.size < size && tried.size < span; round++) {
    const want = Math.min(span - tried.size, Math.ceil(((size - ids.size) / hitRate) * 1.05));
    const draws: number[] = [];
    while (draws.length < want) {
      const rowid = lo + Math.floor(Math.random() * span);
      if (!tried.has(rowid)) {
        tried.add(rowid);
        draws.push(rowid);
      }
    }
    for (let i = 0; i < draws.length; i += CHUNK) {
      const chunk = draws.slice(i, i + CHUNK);
      const rows = await sql.all<{ id: string }>(
        `SELECT id FROM customers WHERE rowid IN (${chunk.map(() => "?").join(", ")}) AND workspace_id = ?`,
        [...chunk, workspaceId],
      );
      for (const r of rows) ids.add(r.id);
    }
  }
  return shuffled([...ids], size);
}

/** `size` of `ids` at random (Fisher–Yates, stopped once the first `size` places are drawn). */
function shuffled(ids: string[], size: number): string[] {
  for (let i = 0; i < Math.min(size, ids.length - 1); i++) {
    const j = i + Math.floor(Math.random() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  return ids.slice(0, size);
}

/**
 * Many customers' latest events of some names in one statement (a window per customer), where the engine's reader
 * asks once per customer: an estimate reads 5,000 customers, and 5,000 round trips to PostgreSQL would not fit in its
 * second.
 */
function chunkEvents(sql: SqlRunner, withProperties: boolean): SegmentFactsReader["customerEvents"] {
  // Without properties the read is index-only (events_customer holds customer, name and time): no table page per event.
  const columns = withProperties ? "id, properties" : "'' AS id, '{}' AS properties";
  return async (workspaceId, customerIds, names, limit) => {
    const out = new Map<string, CustomerEvent[]>(customerIds.map((id) => [id, []]));
    if (names.length === 0 || customerIds.length === 0) return out;
    const ids = inList(sql, "customer_id", customerIds);
    const events = inList(sql, "name", names);
    const rows = await sql.all<Record<string, unknown>>(
      `SELECT id, name, customer_id, properties, at FROM (
         SELECT ${columns}, name, customer_id, at, seq,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY at DESC, seq DESC) AS newest
         FROM events WHERE workspace_id = ? AND ${ids.text} AND ${events.text}) e
       WHERE newest <= ? ORDER BY customer_id, at, seq`,
      [workspaceId, ...ids.params, ...events.params, limit],
    );
    for (const r of rows)
      out.get(r.customer_id as string)?.push({
        id: r.id as string,
        name: r.name as string,
        customerId: r.customer_id as string,
        properties: json<Record<string, Json>>(r.properties),
        at: num(r.at),
      });
    return out;
  };
}
