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
  it("prints an engine, an ingest, a decide, two deliver, a latency, a segment and a report line with figures, and exits 0", async () => {
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
        // Few: today the dispatcher renders a batch's emails all at once, and under a loaded machine those behind
        // run out of the renderer's 500 ms limit (docs/benchmarks.md, "deliver").
        "--deliver-messages",
        "10",
        "--latency-rates",
        "40",
        "--latency-seconds",
        "1",
        "--latency-streams",
        "2",
        "--segment-customers",
        "500",
        "--segment-seconds",
        "1",
        "--report-events",
        "20000",
      ],
      { cwd: ROOT, timeout: 120_000, maxBuffer: 16 * 2 ** 20 },
    );
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { bench: string; store: string; [figure: string]: unknown });
    expect(lines.map((l) => l.bench).sort()).toEqual([
      "decide",
      "deliver",
      "deliver",
      "engine",
      "ingest",
      "latency",
      "report",
      "segment",
    ]);
    expect(lines.find((l) => l.bench === "report")).toMatchObject({ events: 20_000 });
    expect(Number(lines.find((l) => l.bench === "report")?.p95_ms)).toBeGreaterThan(0);
    expect(lines.find((l) => l.bench === "segment")).toMatchObject({ customers: 500, events: 5_000 });
    expect(Number(lines.find((l) => l.bench === "segment")?.build_s)).toBeGreaterThan(0);
    expect(Number(lines.find((l) => l.bench === "segment")?.estimate_max_ms)).toBeGreaterThan(0);
    for (const line of lines) expect(line.store).toBe("sqlite");
    const engine = lines.find((l) => l.bench === "engine");
    expect(engine?.customers).toBe(300);
    expect(Number(engine?.steps_per_s)).toBeGreaterThan(0);
    expect(Number(lines.find((l) => l.bench === "ingest")?.events_per_s)).toBeGreaterThan(0);
    expect(Number(lines.find((l) => l.bench === "decide")?.rps)).toBeGreaterThan(0);
    const deliver = (channel: string) => lines.find((l) => l.bench === "deliver" && l.channel === channel);
    for (const channel of ["email", "notification"]) {
      // Every message of the small run arrives: at the sink (distinct customers) or in the portal inbox.
      expect(deliver(channel)).toMatchObject({ messages: 10, delivered: 10 });
      expect(Number(deliver(channel)?.messages_per_s)).toBeGreaterThan(0);
    }
    expect(Number(deliver("email")?.raw_messages_per_s)).toBeGreaterThan(0);
    expect(Number(deliver("email")?.ratio)).toBeGreaterThan(0);
    // Every purchase of the small load got its welcome email once, and both live streams their notification.
    const latency = lines.find((l) => l.bench === "latency");
    expect(latency).toMatchObject({ rate: 40, seconds: 1, expected: 40, emails: 40, missing: 0, duplicates: 0 });
    expect(latency).toMatchObject({ streams: 2, notified: 2 });
    expect(Number(latency?.p99_ms)).toBeGreaterThan(0);
    expect(stderr).toContain("done;");
  }, 180_000);

  it("refuses a bad flag with a message naming it", () => {
    expect(() => parseFlags(["--deliver-messages", "ten"])).toThrow(
      /--deliver-messages must be a whole number from 1 to 10000000, got "ten"/,
    );
    expect(() => parseFlags(["--decide-seconds", "0"])).toThrow(
      /--decide-seconds must be a whole number from 1 to 3600, got "0"/,
    );
    expect(() => parseFlags(["--latency-rates", "500,fast"])).toThrow(
      /--latency-rates must be a whole number from 1 to 100000, got "fast"/,
    );
    expect(() => parseFlags(["--stores", "mysql"])).toThrow(/--stores takes sqlite and\/or postgres, got "mysql"/);
  });
});
