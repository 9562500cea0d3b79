import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { type Clock, OffsetClock, systemClock } from "@overture/runtime";

/** A clock `serve` and `worker` run on; the demo may move it forward (`POST /demo/clock/advance`). */
export type MovableClock = Clock & { advance(ms: number): number; readonly offsetMs: number };

/** How long an offset read from the file is trusted before the file is read again. */
const REREAD_MS = 20;

/**
 * Wall-clock time plus an offset kept in a file (a whole number of milliseconds, as text), so several processes on
 * one machine share one demo clock: when `serve --no-worker` moves it, the `overture worker` processes see it move
 * too. Like every clock here it never goes back, even if the file is rewritten with a smaller offset.
 */
export class FileOffsetClock implements MovableClock {
  private last = Number.NEGATIVE_INFINITY;
  private cached = 0;
  private readAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly file: string,
    private readonly base: Clock = systemClock,
  ) {
    if (!existsSync(file)) this.write(0);
  }

  /** How far ahead of the wall clock this clock runs (what the file says), in milliseconds. */
  get offsetMs(): number {
    const wall = Date.now();
    if (wall - this.readAt >= REREAD_MS || wall < this.readAt) {
      this.cached = readOffset(this.file);
      this.readAt = wall;
    }
    return this.cached;
  }

  now(): number {
    this.last = Math.max(this.last, this.base.now() + this.offsetMs);
    return this.last;
  }

  /** Moves time forward by `ms` (a whole, non-negative number) for every process sharing the file; returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("a clock cannot go back");
    this.write(readOffset(this.file) + ms);
    this.readAt = Number.NEGATIVE_INFINITY;
    return this.now();
  }

  private write(offset: number): void {
    // Written aside and renamed, so a reader never sees a half-written number.
    const aside = `${this.file}.${process.pid}.tmp`;
    writeFileSync(aside, `${offset}\n`);
    renameSync(aside, this.file);
  }
}

function readOffset(file: string): number {
  try {
    const n = Number(readFileSync(file, "utf8").trim());
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}

/**
 * The clock of `serve` and `worker`: a {@link FileOffsetClock} on `OVERTURE_CLOCK_FILE` when it is set (a demo or a
 * test spread over several processes), else an in-process OffsetClock (the demo clock of a single `serve`).
 */
export function openClock(env: Record<string, string | undefined> = process.env): MovableClock {
  const file = env.OVERTURE_CLOCK_FILE?.trim();
  return file ? new FileOffsetClock(file) : new OffsetClock();
}
