import { dwellOf, topicsOf } from "../interpreter/engagement.ts";
import type { CustomerEvent } from "../model/instance.ts";

/** Milliseconds of dwell time on content of `topic` in these `content.viewed` events, read as journeys read them. */
export function dwellMsOn(events: readonly CustomerEvent[], topic: string): number {
  let total = 0;
  for (const e of events) if (topicsOf(e.properties).includes(topic)) total += dwellOf(e.properties);
  return total;
}
