import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualClock } from "@overture/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { FileOffsetClock, openClock } from "./shared-clock.ts";

describe("FileOffsetClock", () => {
  const dir = mkdtempSync(join(tmpdir(), "overture-clock-"));
  afterEach(() => rmSync(join(dir, "offset"), { force: true }));

  it("is shared through its file: one process moves it, another sees the move", async () => {
    const file = join(dir, "offset");
    const base = new VirtualClock(1_000);
    const mover = new FileOffsetClock(file, base);
    const reader = new FileOffsetClock(file, base);
    expect(readFileSync(file, "utf8").trim()).toBe("0");
    expect(mover.advance(86_400_000)).toBe(86_401_000);
    // The reader trusts what it read for a few milliseconds, then reads the file again.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reader.now()).toBe(86_401_000);
    expect(reader.offsetMs).toBe(86_400_000);
  });

  it("never goes back, even when the file is rewritten with a smaller offset or garbage", async () => {
    const file = join(dir, "offset");
    const clock = new FileOffsetClock(file, new VirtualClock(0));
    clock.advance(5_000);
    expect(clock.now()).toBe(5_000);
    writeFileSync(file, "1000\n");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(clock.now()).toBe(5_000);
    writeFileSync(file, "soon");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(clock.offsetMs).toBe(0);
    expect(clock.now()).toBe(5_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it("is what OVERTURE_CLOCK_FILE selects; without it the clock is this process's own", () => {
    const file = join(dir, "offset");
    expect(openClock({ OVERTURE_CLOCK_FILE: file })).toBeInstanceOf(FileOffsetClock);
    expect(openClock({})).not.toBeInstanceOf(FileOffsetClock);
  });
});
