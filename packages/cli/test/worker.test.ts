import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMailbox, type DevSmtpServer, type Mailbox, startDevSmtpServer } from "@overture/channels";
import { type OutboxRow, openStore, type Store } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitOf, startOverture } from "./run-overture.ts";

/**
 * Scale-out (issue #2 §3: PostgreSQL with many worker processes): one `serve --no-worker` API process and two
 * `overture worker` processes on one database, the onboarding journey for a few hundred customers whose events come
 * through the HTTP API, time moved through the shared clock file. Every customer ends with exactly the outbox rows
 * the journey prescribes, each handled once and each email received once; a worker stopped with SIGTERM mid-run
 * exits 0 and the other finishes the work.
 */
const url = testDatabaseUrl();
const available = await postgresAvailable(url);
if (!available)
  console.warn(
    `PostgreSQL is not reachable at ${url}: the worker tests are skipped. Set TEST_DATABASE_URL to run them.`,
  );

const CUSTOMERS = 200;
const DAY = 86_400_000;
/** A Monday at 10:00 UTC: every send of the test falls outside the default quiet hours (21:00–08:00). */
const T0 = Date.UTC(2030, 0, 7, 10);

const engages = (i: number) => i % 3 === 0;
const cancels = (i: number) => i % 10 === 7;

/** The outbox rows (step ids) the onboarding journey prescribes for customer i, worked out from its steps. */
function expectedSteps(i: number): string[] {
  const steps = ["welcome-email", "portal-welcome", "dashboard-hero", "getting-started"];
  if (cancels(i)) return steps;
  steps.push("tips");
  return engages(i) ? [...steps, "recommendations-email"] : [...steps, "follow-up-1", "follow-up-2"];
}

/** A running child process and everything it printed so far. */
type Proc = { child: ChildProcess; out: () => string };

function capture(child: ChildProcess): Proc {
  let out = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    out += chunk;
  });
  return { child, out: () => out };
}

/** Resolves with all the process printed once `pattern` appears in it (whenever it was printed). */
async function printed(p: Proc, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(p.out())) {
    if (p.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no ${pattern} (exit ${p.child.exitCode}): ${p.out()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return p.out();
}

describe.skipIf(!available)("overture worker ×2 and serve --no-worker on one PostgreSQL", () => {
  let schema: TestSchema;
  let dir: string;
  let clockFile: string;
  let mailbox: Mailbox;
  let smtp: DevSmtpServer;
  let store: Store;
  let api: Proc;
  let workers: Proc[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    schema = await createTestSchema(url);
    dir = await mkdtemp(join(tmpdir(), "overture-workers-"));
    clockFile = join(dir, "clock-offset");
    await writeFile(clockFile, String(T0 - Date.now()));
    mailbox = createMailbox({ cap: 100_000 });
    smtp = await startDevSmtpServer(mailbox);
    env = {
      DATABASE_URL: `${schema.url}%20-c%20synchronous_commit%3Doff`,
      OVERTURE_CLOCK_FILE: clockFile,
      OVERTURE_SECRET: "scale-out-test-secret",
      SMTP_URL: smtp.url,
      OVERTURE_PUBLIC_URL: "http://overture.test",
    };
    store = await openStore({ databaseUrl: env.DATABASE_URL });
  });

  afterAll(async () => {
    for (const p of [api, ...workers]) if (p && p.child.exitCode === null) p.child.kill("SIGKILL");
    await store?.close();
    await smtp?.close();
    await schema?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Moves the shared clock (every process reads the file) forward by `ms`. */
  async function advance(ms: number): Promise<void> {
    await writeFile(clockFile, String(Number(await readFile(clockFile, "utf8")) + ms));
  }

  async function outbox(workspaceId: string): Promise<OutboxRow[]> {
    return store.outboxOf(workspaceId, { limit: CUSTOMERS * 10 });
  }

  /** Waits until the outbox holds `rows` rows (or more) and none of them waits to be delivered. */
  async function settled(workspaceId: string, rows: number): Promise<OutboxRow[]> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const all = await outbox(workspaceId);
      if (all.length >= rows && all.every((r) => r.status !== "pending" && r.status !== "sending")) return all;
      if (Date.now() > deadline)
        throw new Error(
          `outbox not settled: ${all.length}/${rows} rows, ${all.filter((r) => r.status === "pending").length} pending`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Waits until the workers have matched every stored event. Time moves on only after that: an event handled after
   * a wait's deadline is handled after the wait ends (core SPEC I5 compares the handling time, not the event's).
   */
  async function matched(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await store.pendingEventCount()) > 0) {
      if (Date.now() > deadline) throw new Error("events not matched");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function post(writeKey: string, apiUrl: string, events: unknown[]): Promise<void> {
    const response = await fetch(`${apiUrl}/v1/events/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${writeKey}`, "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    const body = (await response.json()) as { accepted: number };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.accepted).toBe(events.length);
  }

  it("runs every customer's journey exactly once across two workers, and a SIGTERM'd worker exits 0", async () => {
    api = capture(startOverture(["serve", "--no-worker", "--no-demo", "--port", "0", "--data", join(dir, "api")], env));
    const banner = await printed(api, /Press Ctrl-C to stop/);
    expect(banner).toContain("not in this process (--no-worker)");
    const apiUrl = /API\s+(http:\/\/\S+)\/v1/.exec(banner)?.[1];
    const writeKey = /Write key\s+(\S+)/.exec(banner)?.[1];
    const secretKey = /Secret key (ovt_sk_\S+)/.exec(banner)?.[1];
    if (!apiUrl || !writeKey || !secretKey) throw new Error(`unexpected output: ${banner}`);
    const workspaceId = "default";
    // Production loads the onboarding journey as a draft: the operator publishes it, as they would their own journey.
    const auth = { authorization: `Bearer ${secretKey}` };
    const { journeys } = (await (await fetch(`${apiUrl}/v1/journeys`, { headers: auth })).json()) as {
      journeys: Array<{ id: string }>;
    };
    expect(journeys).toHaveLength(1);
    expect(
      (await fetch(`${apiUrl}/v1/journeys/${journeys[0]?.id}/publish`, { method: "POST", headers: auth })).status,
    ).toBe(201);

    workers = [0, 1].map((n) =>
      capture(
        startOverture(
          ["worker", "--heartbeat", "1", "--poll-ms", "20", "--batch-size", "50", "--data", join(dir, `worker-${n}`)],
          env,
        ),
      ),
    );
    for (const w of workers) {
      const out = await printed(w, /Working:/);
      expect(out).toMatch(/PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:5432\/test/);
      expect(out).not.toMatch(/warning/);
    }

    // Day 0: purchases, in requests of a hundred customers, from the shop's backend: with the secret key, since the
    // write key may not set a customer's email (issue 12, finding 4).
    const ids = Array.from({ length: CUSTOMERS }, (_, i) => i);
    for (let from = 0; from < CUSTOMERS; from += 100) {
      await post(
        secretKey,
        apiUrl,
        ids.slice(from, from + 100).map((i) => ({
          id: `buy-${i}`,
          name: "purchase.completed",
          customerId: `c${i}`,
          attributes: { email: `c${i}@example.com`, firstName: `C${i}` },
        })),
      );
    }
    const stepsUpTo = (phase: string[]) =>
      ids.reduce((n, i) => n + expectedSteps(i).filter((s) => phase.includes(s)).length, 0);
    const phases: string[] = [];
    const through = async (...steps: string[]) => {
      phases.push(...steps);
      return settled(workspaceId, stepsUpTo(phases));
    };
    await through("welcome-email", "portal-welcome", "dashboard-hero");
    await advance(DAY);
    await through("getting-started");
    await advance(DAY);
    await post(
      writeKey,
      apiUrl,
      ids.filter(cancels).map((i) => ({ id: `cancel-${i}`, name: "account.cancelled", customerId: `c${i}` })),
    );
    await matched();
    await advance(DAY);
    await through("tips");
    await advance(5 * DAY);
    await post(
      writeKey,
      apiUrl,
      ids
        .filter((i) => engages(i) && !cancels(i))
        .map((i) => ({ id: `login-${i}`, name: "portal.login", customerId: `c${i}` })),
    );
    await matched();
    await advance(DAY);
    await through("recommendations-email");

    // Day 10: the follow-ups fall due; one worker is stopped while they are being handled.
    await advance(DAY);
    const deadline = Date.now() + 60_000;
    let followUps: OutboxRow[] = [];
    while (followUps.length === 0) {
      if (Date.now() > deadline) throw new Error("no follow-up was written");
      await new Promise((resolve) => setTimeout(resolve, 20));
      followUps = (await outbox(workspaceId)).filter((r) => r.stepId === "follow-up-1");
    }
    // Mid-run: the follow-ups are written, and some still wait for delivery (rendering an email takes milliseconds).
    expect(followUps.some((r) => r.status === "pending" || r.status === "sending")).toBe(true);
    const [stopped, survivor] = workers as [Proc, Proc];
    stopped.child.kill("SIGTERM");
    expect(await exitOf(stopped.child), stopped.out()).toBe(0);
    expect(stopped.out()).toMatch(/SIGTERM: stopping after the batch in hand/);
    expect(stopped.out()).toMatch(/Stopped\. [\d,]+ steps/);
    await through("follow-up-1");
    await advance(3 * DAY);
    const rows = await through("follow-up-2");

    // Exactly the prescribed rows per customer, one each, all delivered.
    const byCustomer = new Map<string, string[]>();
    for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r.stepId]);
    for (const i of ids)
      expect([...(byCustomer.get(`c${i}`) ?? [])].sort(), `customer c${i}`).toEqual(expectedSteps(i).sort());
    expect(rows).toHaveLength(stepsUpTo(phases));
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.filter((r) => r.status !== "sent").map((r) => `${r.key} ${r.status} ${r.lastError}`)).toEqual([]);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);

    // Every email arrived once: one message per email row, no outbox key twice.
    const emails = rows.filter((r) => r.channel === "email");
    const received = mailbox.list({ limit: 100_000 }).map((m) => m.overtureKey);
    expect(received.length).toBe(emails.length);
    expect(new Set(received)).toEqual(new Set(emails.map((r) => r.key)));

    // Both workers reported progress; together they handled each outbox row once.
    survivor.child.kill("SIGTERM");
    expect(await exitOf(survivor.child), survivor.out()).toBe(0);
    const handled = workers.map((w) =>
      Number(/Stopped\. .* ([\d,]+) outbox rows handled/.exec(w.out())?.[1]?.replace(/,/g, "")),
    );
    expect(handled[0]! + handled[1]!).toBe(rows.length);
    for (const w of workers)
      expect(w.out()).toMatch(
        /Z [\d,]+ steps, [\d,]+ events, [\d,]+ timers, [\d,]+ outbox rows handled \(\+[\d,]+ steps\); [\d,]+ events waiting/,
      );

    api.child.kill("SIGTERM");
    expect(await exitOf(api.child)).toBe(0);
  }, 240_000);
});
