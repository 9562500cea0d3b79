import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseFlags } from "./flags.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * `npm run bench` at a size that takes seconds: every benchmark it runs by default must still start, measure and print
 * its JSON line (the decide benchmark once broke without any test noticing). The figures themselves are not judged here.
 */
describe("npm run bench, small", () => {
  it("prints an engine, an ingest and a decide line with figures, and exits 0", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "bench/run.ts",
        "--stores",
        "sqlite",
        "--customers",
        "300",
        "--ingest-seconds",
        "1",
        "--decide-seconds",
        "1",
      ],
      { cwd: ROOT, timeout: 120_000, maxBuffer: 16 * 2 ** 20 },
    );
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { bench: string; store: string; [figure: string]: unknown });
    expect(lines.map((l) => l.bench).sort()).toEqual(["decide", "engine", "ingest"]);
    for (const line of lines) expect(line.store).toBe("sqlite");
    const engine = lines.find((l) => l.bench === "engine");
    expect(engine?.customers).toBe(300);
    expect(Number(engine?.steps_per_s)).toBeGreaterThan(0);
    expect(Number(lines.find((l) => l.bench === "ingest")?.events_per_s)).toBeGreaterThan(0);
    expect(Number(lines.find((l) => l.bench === "decide")?.rps)).toBeGreaterThan(0);
    expect(stderr).toContain("done;");
  }, 180_000);

  it("refuses a bad flag with a message naming it", () => {
    expect(() => parseFlags(["--decide-seconds", "0"])).toThrow(
      /--decide-seconds must be a whole number from 1 to 3600, got "0"/,
    );
    expect(() => parseFlags(["--stores", "mysql"])).toThrow(/--stores takes sqlite and\/or postgres, got "mysql"/);
  });
});
