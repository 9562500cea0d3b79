import { STAT_BUCKET_MS } from "./step-stats.ts";

/**
 * What `report_rollups` counts, per workspace, journey, hour, step and dimension (docs/decisions/0039). `dim` is the
 * channel for message outcomes, the arm for a split, the reason code for a skipped message, the goal for conversion
 * time; content rows have no journey ("") and the content id as their step.
 */
export const METRIC = {
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
