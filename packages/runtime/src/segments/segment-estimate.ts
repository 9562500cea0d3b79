import { evaluateSegment, type SegmentRule, segmentNeeds } from "@overture/core";
import { num } from "../store/rows.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { Store } from "../store/store.ts";
import { loadSegmentFacts, sqlFactsReader } from "./segment-facts-loader.ts";
import type { SegmentEstimate } from "./segment-types.ts";

/** Customers evaluated at most: enough for about ±1.4 points at 95%, and loaded well within a second. */
export const ESTIMATE_SAMPLE = 5_000;
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
  sampleSize = ESTIMATE_SAMPLE,
): Promise<SegmentEstimate> {
  const started = performance.now();
  const population = await countCustomers(store.sql, workspaceId);
  const exact = population <= sampleSize;
  const ids = exact
    ? await allCustomerIds(store.sql, workspaceId)
    : await sampleCustomerIds(store.sql, workspaceId, population, sampleSize);
  const needs = segmentNeeds(rule);
  const reader = sqlFactsReader(store.sql);
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
 * Each customer kept with the same chance (a Bernoulli sample a little larger than wanted), then cut to `size` at
 * random: uniform over the workspace without sorting it. PostgreSQL samples in the scan (TABLESAMPLE); SQLite draws a
 * random number per index entry, which reads only the primary key index.
 */
async function sampleCustomerIds(
  sql: SqlRunner,
  workspaceId: string,
  population: number,
  size: number,
): Promise<string[]> {
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
  const ids = rows.map((r) => r.id);
  // Fisher–Yates, stopped once the first `size` places are drawn.
  for (let i = 0; i < Math.min(size, ids.length - 1); i++) {
    const j = i + Math.floor(Math.random() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  return ids.slice(0, size);
}
