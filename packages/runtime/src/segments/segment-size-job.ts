import type { Clock } from "../clock/clock.ts";
import type { SegmentService } from "./segment-types.ts";

const HOUR = 3_600_000;

/** A running size recorder; `stop` ends it. */
export type SegmentSizeJob = { stop(): void };

/**
 * Records every segment's size once per hour (the size-over-time chart): it looks every minute whether the hour of
 * `clock` turned, so the demo's clock jumps are followed too. Every worker process may run it: a point already
 * recorded for the hour is left as it is.
 */
export function startSegmentSizeJob(
  segments: Pick<SegmentService, "recordSizes">,
  clock: Clock,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): SegmentSizeJob {
  let recordedHour = Number.NaN;
  let running = false;
  const tick = async () => {
    const hour = Math.floor(clock.now() / HOUR);
    if (running || hour === recordedHour) return;
    running = true;
    try {
      await segments.recordSizes(clock.now());
      recordedHour = hour;
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.everyMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
