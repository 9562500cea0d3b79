/**
 * Counts how long something was on screen: time passes only while the page is visible, so a tab left in the
 * background does not count as reading.
 */
export class DwellTimer {
  private total = 0;
  private visibleSince: number | null;
  private stopped = false;

  constructor(
    private readonly now: () => number,
    visible: boolean,
  ) {
    this.visibleSince = visible ? now() : null;
  }

  /** Tells the timer the page became visible or hidden. */
  setVisible(visible: boolean): void {
    if (this.stopped) return;
    if (visible && this.visibleSince === null) this.visibleSince = this.now();
    if (!visible && this.visibleSince !== null) {
      this.total += Math.max(0, this.now() - this.visibleSince);
      this.visibleSince = null;
    }
  }

  /** The visible time so far, in whole milliseconds. */
  elapsed(): number {
    const running = this.visibleSince === null ? 0 : Math.max(0, this.now() - this.visibleSince);
    return Math.round(this.total + running);
  }

  /** Stops counting and returns the visible time; later calls return the same figure. */
  stop(): number {
    this.setVisible(false);
    this.stopped = true;
    return Math.round(this.total);
  }
}
