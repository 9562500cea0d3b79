import { STAT_BUCKET_MS } from "./step-stats.ts";

/**
 * What `report_rollups` counts, per workspace, journey, hour, step and dimension (docs/decisions/0039). `dim` is the
 * channel for message outcomes, the arm for a split, the reason code for a skipped message, the goal for conversion
 * time; content rows have no journey ("") and the content id as their step.
 */
export const METRIC = {
  /** A customer entered the journey (the trigger step ran). */
  entered: "entered",
  /** Sum of (conversion time − entry time) in ms, and how many conversions it adds up. */
  convertMs: "convert_ms",
  convertN: "convert_n",
  /** A conversion of a customer who took arm `dim` at split `step`. */
  splitConverted: "split_converted",
  sent: "msg_sent",
  delivered: "msg_delivered",
  deferred: "msg_deferred",
  skipped: "msg_skipped",
  bounced: "msg_bounced",
  failed: "msg_failed",
  opened: "msg_opened",
  clicked: "msg_clicked",
  unsubscribed: "msg_unsubscribed",
  complained: "msg_complained",
  contentViews: "content_views",
  contentDwell: "content_dwell",
} as const;

export type Metric = (typeof METRIC)[keyof typeof METRIC];

/** Hours in a day: daily counters are kept under `hour / 24` (UTC days). */
export const HOURS_PER_DAY = 24;

/** One counter to add: workspace, journey, hour (ms / 3,600,000), step, metric, dimension, amount. */
export type Rollup = { w: string; j: string; h: number; st: string; m: Metric; d: string; n: number };

/** The hour bucket of a time, as step_stats counts it. */
export function hourOf(at: number): number {
  return Math.floor(at / STAT_BUCKET_MS);
}

/**
 * Adds counters up by key, so a batch writes one upsert per key however many customers it moved: a thousand
 * conversions of one journey in one hour are one row change, not a thousand.
 */
export class RollupFold {
  private readonly byKey = new Map<string, Rollup>();

  add(w: string, j: string, at: number, st: string, m: Metric, d: string, n = 1): void {
    const h = hourOf(at);
    const key = `${w}\u0000${j}\u0000${h}\u0000${st}\u0000${m}\u0000${d}`;
    const known = this.byKey.get(key);
    if (known) known.n += n;
    else this.byKey.set(key, { w, j, h, st, m, d, n });
  }

  get size(): number {
    return this.byKey.size;
  }

  rows(): Rollup[] {
    return [...this.byKey.values()];
  }
}

/** The same counters per UTC day (`h` is then the day's number), one per key. */
export function dailyRollups(rollups: Rollup[]): Rollup[] {
  const byKey = new Map<string, Rollup>();
  for (const r of rollups) {
    const day = Math.floor(r.h / HOURS_PER_DAY);
    const key = `${r.w}\u0000${r.j}\u0000${day}\u0000${r.st}\u0000${r.m}\u0000${r.d}`;
    const known = byKey.get(key);
    if (known) known.n += r.n;
    else byKey.set(key, { ...r, h: day });
  }
  return [...byKey.values()];
}
