import { postgresAvailable, testDatabaseUrl } from "@overture/testkit";
import { describe, expect, it } from "vitest";
import { fixture, runOverture } from "./run-overture.ts";

const hasPostgres = await postgresAvailable();

/** The funnel table printed after the summary, as rows keyed by step id. */
function funnel(stdout: string): Map<string, Record<string, string>> {
  const lines = stdout.split("\n");
  const header = lines.findIndex((l) => l.startsWith("step "));
  const columns = lines[header]!.trim().split(/\s+/);
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines.slice(header + 2)) {
    if (!line.trim()) continue;
    const cells = line.trim().split(/\s+/);
    rows.set(cells[0]!, Object.fromEntries(columns.map((c, i) => [c, cells[i]!])));
  }
  return rows;
}

describe("overture simulate", () => {
  it("runs the onboarding journey for synthetic customers and prints a per-step funnel", async () => {
    const r = await runOverture([
      "simulate",
      "examples/onboarding/journey.json",
      "--customers",
      "40",
      "--days",
      "20",
      "--seed",
      "7",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/40 customers over 20 virtual days \(seed 7, sqlite\)/);
    expect(r.stdout).toMatch(/entered 40 /);
    const rows = funnel(r.stdout);
    expect(rows.get("purchase")).toMatchObject({ type: "trigger", reached: "40", passed: "40" });
    expect(rows.get("welcome-email")).toMatchObject({ type: "email", reached: "40" });
    // The SMS reminder's branch tests everyone who got the first follow-up; the simulated profiles put some on each
    // side of "has a phone and consent.sms" (a nested attribute: issue 17).
    expect(rows.get("can-text")).toMatchObject({ type: "branch", reached: rows.get("follow-up-1")?.reached });
    const texted = Number(rows.get("sms-reminder")?.reached);
    expect(rows.get("sms-reminder")?.type).toBe("sms");
    expect(texted).toBeGreaterThan(0);
    expect(texted).toBeLessThan(Number(rows.get("can-text")?.reached));
    // Everyone has finished by day 20: nobody waits anywhere.
    for (const [step, row] of rows) expect(row.waiting, step).toBe("0");
    // The progress bar goes to stderr and ends at 100%.
    expect(r.stderr).toContain("100%");
  });

  it("gives the same funnel for the same seed", async () => {
    const args = ["simulate", fixture("api-journey.json"), "--customers", "30", "--days", "6", "--seed", "3"];
    const [a, b] = await Promise.all([runOverture(args), runOverture(args)]);
    expect(a.code).toBe(0);
    const table = (s: string) => s.slice(s.indexOf("step "));
    expect(table(a.stdout)).toBe(table(b.stdout));
    expect(funnel(a.stdout).get("start")).toMatchObject({ reached: "30" });
  });

  it("says why nobody entered, from the behaviours saved with the journey (issue 15, defect 3)", async () => {
    const r = await runOverture([
      "simulate",
      fixture("renewal-nobody-enters.json"),
      "--customers",
      "20",
      "--days",
      "3",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'Nobody entered: 20 simulated customers did "Subscription renewal due", but none of them with amount is more than 49.99.',
    );
    expect(r.stdout).toMatch(/entered 0 /);
  });

  it("refuses an invalid journey with its problems (exit 1) and bad flags with the usage (exit 2)", async () => {
    const invalid = await runOverture(["simulate", fixture("invalid-journey.json"), "--customers", "5"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("wait: bad-duration");
    const flags = [
      ["--customers", "many"],
      ["--days", "0"],
      ["--store", "mysql"],
      ["--seed", "-1"],
    ];
    const results = await Promise.all(
      flags.map((args) => runOverture(["simulate", "examples/onboarding/journey.json", ...args])),
    );
    results.forEach((r, i) => {
      expect(r.code, flags[i]!.join(" ")).toBe(2);
      expect(r.stderr).toContain(flags[i]![0]);
    });
    const noUrl = await runOverture(["simulate", "examples/onboarding/journey.json", "--store", "postgres"], {
      DATABASE_URL: "",
    });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("DATABASE_URL");
  });

  it.runIf(hasPostgres)("runs on PostgreSQL in a schema of its own", async () => {
    const args = ["simulate", fixture("api-journey.json"), "--customers", "20", "--days", "5", "--seed", "3"];
    const [pg, sqlite] = await Promise.all([
      runOverture([...args, "--store", "postgres"], { DATABASE_URL: testDatabaseUrl() }),
      runOverture(args),
    ]);
    expect(pg.code, pg.stderr).toBe(0);
    expect(pg.stdout).toContain("(seed 3, postgres)");
    const table = (s: string) => s.slice(s.indexOf("step "));
    expect(table(pg.stdout)).toBe(table(sqlite.stdout));
  });
});
