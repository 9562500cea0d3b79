/** What the bar shows: how far along (0–1) and a short status after it. */
export type Progress = { fraction: number; label: string };

/** Renders `[=======>     ]  42%  label` in `width` bar cells. Pure, so it is tested without a terminal. */
export function renderProgress({ fraction, label }: Progress, width = 30): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.floor(f * width);
  const bar = f >= 1 ? "=".repeat(width) : `${"=".repeat(filled)}>${" ".repeat(width - filled - 1)}`;
  return `[${bar}] ${String(Math.floor(f * 100)).padStart(3)}%  ${label}`;
}

/**
 * A progress bar on a stream (stderr): redrawn in place on a terminal at most every `intervalMs`; on a pipe or a
 * file, one line per tenth so logs stay short.
 */
export class ProgressBar {
  private lastDraw = 0;
  private lastTenth = -1;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = 100,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(progress: Progress): void {
    if (this.tty) {
      const now = performance.now();
      if (now - this.lastDraw < this.intervalMs && progress.fraction < 1) return;
      this.lastDraw = now;
      this.stream.write(`\r${renderProgress(progress)}\u001b[K`);
      return;
    }
    const tenth = Math.floor(Math.min(1, progress.fraction) * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${renderProgress(progress)}\n`);
  }

  /** Ends the bar's line on a terminal. */
  done(): void {
    if (this.tty) this.stream.write("\n");
  }
}
