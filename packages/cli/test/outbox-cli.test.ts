import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JourneyDocumentInput } from "@overture/core";
import { openOverture, PermanentError, VirtualClock } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema } from "@overture/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { runOverture } from "./run-overture.ts";

const JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    { id: "purchase", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** A database with three dead letters: two whose SMTP server refused the connection, one refused for good. */
async function withDeadLetters(options: { dataDir?: string; databaseUrl?: string }): Promise<void> {
  const overture = await openOverture({ ...options, clock: new VirtualClock(Date.UTC(2026, 0, 5)) });
  try {
    overture.dispatcher.register({
      channel: "email",
      async deliver(d) {
        throw new PermanentError(
          "smtp_rejected",
          d.customerId === "c3" ? "SMTP: 550 no such user" : "SMTP: 554 connection refused by policy",
        );
      },
    });
    const { workspaceId } = await overture.workspaces.ensureDefault();
    const journey = await overture.journeys.create(workspaceId, { name: "Welcome", document: JOURNEY });
    await overture.journeys.publish(workspaceId, journey.id);
    await overture.events.ingest(
      workspaceId,
      ["c1", "c2", "c3"].map((customerId) => ({ name: "purchase.completed", customerId, properties: {} })),
    );
    await overture.engine.runUntilIdle();
    await overture.dispatcher.runUntilIdle();
    expect(await overture.store.outboxOf(workspaceId, { status: "dead" })).toHaveLength(3);
  } finally {
    await overture.close();
  }
}

describe("overture outbox redrive (issue 12, finding 6)", () => {
  it.each([
    [["outbox"], "overture outbox needs an action: redrive"],
    [["outbox", "purge"], 'unknown outbox action "purge"'],
    [["outbox", "redrive", "--dead-since", "yesterday"], "--dead-since must be an ISO date or time"],
    [["outbox", "redrive", "--limit", "0"], "--limit must be between 1 and 1000000"],
    [["outbox", "redrive", "--error", " "], "--error must not be empty"],
    [["outbox", "redrive", "--status", "sent"], "Unknown option '--status'"],
  ])("exits 2 with the usage for %j", async (args, message) => {
    const r = await runOverture(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("Usage: overture");
  });

  it("exits 1 when there is no database in --data, creating none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-redrive-empty-"));
    try {
      const r = await runOverture(["outbox", "redrive", "--data", dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`no Overture database in ${dir}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts with --dry-run, then re-drives the matching dead letters of the SQLite database in --data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-redrive-"));
    try {
      await withDeadLetters({ dataDir: dir });
      const dry = await runOverture([
        "outbox",
        "redrive",
        "--data",
        dir,
        "--error",
        "CONNECTION REFUSED",
        "--channel",
        "email",
        "--dry-run",
      ]);
      expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, "2 dead letters match (dry run: nothing changed)\n", ""]);
      const done = await runOverture([
        "outbox",
        "redrive",
        "--data",
        dir,
        "--error",
        "connection refused",
        "--step",
        "welcome",
      ]);
      expect([done.code, done.stdout]).toEqual([0, "2 dead letters back to pending\n"]);
      const rest = await runOverture(["outbox", "redrive", "--data", dir, "--dry-run"]);
      expect(rest.stdout).toBe("1 dead letter matches (dry run: nothing changed)\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("on PostgreSQL", async () => {
    const available = await postgresAvailable();
    let schema: TestSchema | undefined;
    afterAll(() => schema?.drop());
    it.skipIf(!available)("re-drives in the database of DATABASE_URL", async () => {
      schema = await createTestSchema();
      const dir = mkdtempSync(join(tmpdir(), "overture-redrive-pg-"));
      try {
        await withDeadLetters({ databaseUrl: schema.url, dataDir: dir });
        const r = await runOverture(["outbox", "redrive", "--customer", "c3"], { DATABASE_URL: schema.url });
        expect([r.code, r.stdout]).toEqual([0, "1 dead letter back to pending\n"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
