/** The runtime's only source of time. Tests and simulations use the virtual clock and move it themselves. */
export type Clock = { now(): number };

/** Wall-clock time. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until told to move; simulations jump it from one due timer to the next. */
export class VirtualClock implements Clock {
  private current: number;
  constructor(start: number) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError("a clock cannot go back");
    this.current += ms;
  }
  /** Moves time to `at` when it is later than now. */
  advanceTo(at: number): void {
    if (at > this.current) this.current = at;
  }
}
