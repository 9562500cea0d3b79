import { describe, expect, it } from "vitest";
import { fixture, runOverture } from "./run-overture.ts";

describe("overture validate", () => {
  it("exits 0 for a valid journey", async () => {
    const r = await runOverture(["validate", "examples/onboarding/journey.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^examples\/onboarding\/journey\.json: valid \(\d+ steps\)\n$/);
  });

  it("prints every problem as `step: code: message` and exits 1", async () => {
    const r = await runOverture(["validate", fixture("invalid-journey.json")]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(": ").slice(0, 2).join(": "))).toEqual([
      "wait: bad-duration",
      "wait: dangling-next",
      "lonely: unreachable-step",
    ]);
    expect(r.stderr).toContain("3 problems");
  });

  it("prints { valid, problems } with --json", async () => {
    const r = await runOverture(["validate", "--json", fixture("invalid-journey.json")]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.problems[0]).toMatchObject({
      code: "bad-duration",
      stepId: "wait",
      path: expect.stringMatching(/^steps\[2\]/),
    });
  });

  it("exits 1 with a clear message for a missing file or bad JSON", async () => {
    const missing = await runOverture(["validate", "no/such/journey.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("overture: cannot read no/such/journey.json: no such file\n");
    const bad = await runOverture(["validate", fixture("not-json.txt")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not-json\.txt is not valid JSON: /);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the command line", () => {
  it("exits 2 with the usage on stderr for an unknown command, an unknown flag, or a missing FILE", async () => {
    const lines = [
      ["frobnicate"],
      ["validate", "--strict", "x.json"],
      ["validate"],
      ["validate", "a.json", "b.json"],
      [],
    ];
    const results = await Promise.all(lines.map((args) => runOverture(args)));
    results.forEach((r, i) => {
      expect(r.code, lines[i]!.join(" ")).toBe(2);
      expect(r.stderr).toContain("Usage: overture <command>");
      expect(r.stdout).toBe("");
    });
  });

  it("prints the usage on stdout for help", async () => {
    const r = await runOverture(["help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("validate FILE");
  });
});
