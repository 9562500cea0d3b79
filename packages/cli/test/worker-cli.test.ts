import { describe, expect, it } from "vitest";
import { runOverture } from "./run-overture.ts";

describe("overture worker and serve --no-worker: wrong command lines and set-ups", () => {
  it.each([
    [["worker", "--poll-ms", "fast"], "--poll-ms must be a whole number"],
    [["worker", "--batch-size", "0"], "--batch-size must be between 1 and 100000"],
    [["worker", "--heartbeat", "-1"], "--heartbeat"],
    [["worker", "--concurrency", "4"], "Unknown option '--concurrency'"],
    [["worker", "journey.json"], "overture worker takes no FILE"],
  ])("exits 2 with the usage for %j", async (args, message) => {
    const r = await runOverture(args, { DATABASE_URL: "postgres://127.0.0.1:1/none" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("Usage: overture");
  });

  it("refuses SQLite: the worker and serve --no-worker need PostgreSQL", async () => {
    const worker = await runOverture(["worker"]);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toContain("overture worker needs PostgreSQL: set DATABASE_URL");
    const api = await runOverture(["serve", "--no-worker", "--port", "0"]);
    expect(api.code).toBe(1);
    expect(api.stderr).toContain("--no-worker needs PostgreSQL (set DATABASE_URL)");
  });

  it("refuses PostgreSQL without OVERTURE_SECRET, before connecting (issue 12, finding 5)", async () => {
    const env = { DATABASE_URL: "postgres://overture:hunter2@127.0.0.1:1/overture", OVERTURE_SECRET: undefined };
    for (const args of [["worker"], ["serve", "--port", "0"], ["serve", "--no-worker", "--port", "0"]]) {
      const r = await runOverture(args, env);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("OVERTURE_SECRET is required with PostgreSQL");
      expect(r.stderr).not.toContain("unexpected error");
      expect(r.stderr).not.toContain("cannot open PostgreSQL");
    }
  });

  it("says which database it cannot reach, without its password", async () => {
    const r = await runOverture(["worker"], {
      DATABASE_URL: "postgres://overture:hunter2@127.0.0.1:1/overture",
      OVERTURE_SECRET: "a-test-secret",
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PostgreSQL postgres://overture:***@127.0.0.1:1/overture");
    expect(r.stderr).toContain("cannot open PostgreSQL at postgres://overture:***@127.0.0.1:1/overture");
    expect(`${r.stdout}${r.stderr}`).not.toContain("hunter2");
  });
});
