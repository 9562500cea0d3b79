import type { Clock } from "./clock.ts";

/**
 * Wall-clock time plus an offset that only grows: the demo's "advance 1 day" button moves it, so timers that were a
 * day away fall due now, while time still runs at its normal pace in between. Never goes back, like every clock here.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock = { now: () => Date.now() }) {}
  now(): number {
    return this.base.now() + this.offset;
  }
  /** How far ahead of the base clock this clock runs, in milliseconds. */
  get offsetMs(): number {
    return this.offset;
  }
  /** Moves time forward by `ms` (a whole, non-negative number) and returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("a clock cannot go back");
    this.offset += ms;
    return this.now();
  }
}
