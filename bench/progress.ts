/**
 * A progress bar with a rate, on stderr (stdout carries only the JSON result lines). On a terminal it is redrawn in
 * place a few times a second; on a pipe or a file it writes a line per tenth (and every 30 s), so logs stay short.
 */
export class Progress {
  private readonly began = performance.now();
  private lastDraw = 0;
  private lastTenth = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  /** `label` names the phase ("sqlite engine"); `unit` what `count` counts ("steps", "events"). */
  constructor(
    private readonly label: string,
    private readonly unit: string,
  ) {}

  /** Shows `fraction` (0–1) done and the rate of `count` since the bar was created. */
  update(fraction: number, count: number, note = ""): void {
    const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const now = performance.now();
    if (this.tty) {
      if (now - this.lastDraw < 200 && f < 1) return;
      this.lastDraw = now;
      process.stderr.write(`\r${this.render(f, count, now, note)}\u001b[K`);
      return;
    }
    const tenth = Math.floor(f * 10);
    if (tenth === this.lastTenth && now - this.lastDraw < 30_000) return;
    this.lastTenth = tenth;
    this.lastDraw = now;
    process.stderr.write(`${this.render(f, count, now, note)}\n`);
  }

  /** Draws the bar at 100% and ends its line. */
  done(count: number, note = ""): void {
    this.update(1, count, note);
    if (this.tty) process.stderr.write("\n");
  }

  private render(f: number, count: number, now: number, note: string): string {
    const width = 24;
    const filled = Math.floor(f * width);
    const bar = f >= 1 ? "=".repeat(width) : `${"=".repeat(filled)}>${" ".repeat(width - filled - 1)}`;
    const seconds = (now - this.began) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : 0;
    const figures = `${count.toLocaleString("en-US")} ${this.unit}  ${rate.toLocaleString("en-US")} ${this.unit}/s  ${seconds.toFixed(1)}s`;
    return `${this.label.padEnd(18)} [${bar}] ${String(Math.floor(f * 100)).padStart(3)}%  ${figures}${note ? `  ${note}` : ""}`;
  }
}

/** A line of information for the reader, on stderr. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** `x` rounded to `digits` decimals, for the JSON figures. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
