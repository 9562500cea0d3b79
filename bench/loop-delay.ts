import { monitorEventLoopDelay } from "node:perf_hooks";

/** How often the event loop is sampled, in ms. */
const RESOLUTION_MS = 2;

/**
 * Starts watching this process's event loop; `stop()` gives how late it ran (p99 and max, in ms). Node's histogram counts
 * the sampling interval itself in every value (an idle loop reads 5.1 ms at a 5 ms resolution), so it is taken off here.
 */
export function watchEventLoop(): { stop(): { p99Ms: number; maxMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return {
    stop() {
      histogram.disable();
      return { p99Ms: late(histogram.percentile(99)), maxMs: late(histogram.max) };
    },
  };
}
