import { type ChildProcess, fork } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JourneyDocumentInput } from "@overture/core";
import { afterAll, describe, expect, it } from "vitest";
import { type Overture, openOverture } from "../src/overture.ts";
import { type ScheduledEvent, scheduleEvents } from "../src/simulation/simulate.ts";
import { DAY, T0 } from "./helpers.ts";
import { postgresTarget } from "./postgres-target.ts";

/**
 * Crash safety (issue #2 §3, SPEC R1): a worker is killed with SIGKILL in the middle of a run of thousands of
 * customers and restarted; every customer still ends with exactly the actions the journey prescribes — none lost,
 * none duplicated. Workers are separate processes sharing one virtual clock through a file the test advances.
 */
const CUSTOMERS = 3_000;
const HOUR = 3_600_000;

const journey: JourneyDocumentInput & { id: string } = {
  id: "crash-onboarding",
  schemaVersion: 1,
  name: "Crash onboarding",
  settings: { reentry: "never", exitCriteria: [{ event: "account.cancelled" }] },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "inbox" },
    { id: "inbox", type: "notification", title: "Welcome", next: "hero" },
    { id: "hero", type: "personalize", slot: "dashboard.hero", contentId: "onboarding-hero", next: "day-1" },
    { id: "day-1", type: "wait", wait: { type: "duration", duration: "1d" }, next: "plan" },
    {
      id: "plan",
      type: "branch",
      arms: [
        {
          id: "business",
          label: "Business plan",
          condition: { type: "attribute", attribute: "plan", op: "eq", value: "business" },
          next: "business-tips",
        },
      ],
      else: { label: "Others", next: "tips" },
    },
    {
      id: "business-tips",
      type: "email",
      subject: "For business",
      body: "<mjml><mj-body></mj-body></mjml>",
      next: "login",
    },
    { id: "tips", type: "email", subject: "Tips", body: "<mjml><mj-body></mj-body></mjml>", next: "login" },
    {
      id: "login",
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: "2d",
      next: "thanks",
      timeoutNext: "nudge",
    },
    { id: "thanks", type: "webhook", endpoint: "crm", next: "done" },
    { id: "nudge", type: "email", subject: "Come back", body: "<mjml><mj-body></mj-body></mjml>", next: "later" },
    { id: "later", type: "wait", wait: { type: "duration", duration: "1d" }, next: "last-nudge" },
    { id: "last-nudge", type: "email", subject: "Last call", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** Customer i: buys at one of five hours (half of them in the first), a third log in on day 2, one in 25 cancels on day 1.5. */
function customer(i: number) {
  const id = `c${i}`;
  const purchaseAt = T0 + (i % 2 === 0 ? 0 : i % 5) * HOUR;
  const plan = i % 4 === 0 ? "business" : "starter";
  const logsIn = i % 3 === 0;
  const cancels = i % 25 === 7;
  const events: ScheduledEvent[] = [
    { id: `${id}:buy`, name: "purchase.completed", customerId: id, at: purchaseAt, attributes: { plan } },
  ];
  if (logsIn) events.push({ id: `${id}:login`, name: "portal.login", customerId: id, at: purchaseAt + 2 * DAY });
  if (cancels)
    events.push({ id: `${id}:cancel`, name: "account.cancelled", customerId: id, at: purchaseAt + 1.5 * DAY });
  // What the journey prescribes, worked out by hand from its steps.
  const expected = ["welcome@0", "inbox@0", "hero@0", `${plan === "business" ? "business-tips" : "tips"}@1`];
  if (!cancels) expected.push(...(logsIn ? ["thanks@2"] : ["nudge@3", "last-nudge@4"]));
  return { id, events, expected };
}

const customers = Array.from({ length: CUSTOMERS }, (_, i) => customer(i));

type Run = { actions: Map<string, string[]>; killedAt: { done: number; total: number; busyPartitions: number }[] };

async function crashRun(target: string, workers: number): Promise<Run> {
  const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "overture-crash-"));
  const clockFile = join(dir, "clock");
  writeFileSync(clockFile, String(T0));
  const options = target === "sqlite" ? { dataDir: dir, durability: "normal" as const } : { databaseUrl: target };
  const controller: Overture = await openOverture({ ...options, clock: { now: () => T0 } });
  const { workspaceId } = await controller.workspaces.create("Crash");
  await controller.journeys.create(workspaceId, { name: journey.name, document: journey });
  await controller.journeys.publish(workspaceId, journey.id);
  await scheduleEvents(
    controller,
    workspaceId,
    customers.flatMap((c) => c.events),
  );
  const total = customers.reduce((n, c) => n + c.expected.length, 0);
  const workerTarget = target === "sqlite" ? dir : target;
  const start = (): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = fork(join(import.meta.dirname, "fixtures/file-clock-worker.ts"), [workerTarget, clockFile, "50"], {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      child.once("message", () => resolve(child));
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
    });
  const pool = await Promise.all(Array.from({ length: workers }, start));
  const killedAt: Run["killedAt"] = [];
  try {
    for (let instant = 0; ; instant++) {
      const next = await controller.store.nextWakeAt();
      if (next === null) break;
      writeFileSync(clockFile, String(next));
      let killed = false;
      for (;;) {
        const busy = await controller.store.partitionsWithWork(next);
        if (busy.length === 0) break;
        // Kill worker 0 in the middle of the first instant's work: some of it written, some still due.
        const done = killed ? 0 : (await controller.store.outboxOf(workspaceId, { limit: 1_000_000 })).length;
        if (!killed && instant === 0 && done > 0) {
          killedAt.push({ done, total, busyPartitions: busy.length });
          pool[0]?.removeAllListeners("exit");
          pool[0]?.kill("SIGKILL");
          pool[0] = await start();
          killed = true;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    for (const child of pool) {
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
    }
  }
  const actions = new Map<string, string[]>();
  for (const row of await controller.store.outboxOf(workspaceId, { limit: 1_000_000 })) {
    const i = Number(row.customerId.slice(1));
    const purchaseAt = T0 + (i % 2 === 0 ? 0 : i % 5) * HOUR;
    actions.set(row.customerId, [
      ...(actions.get(row.customerId) ?? []),
      `${row.stepId}@${(row.createdAt - purchaseAt) / DAY}`,
    ]);
  }
  await controller.close();
  rmSync(dir, { recursive: true, force: true });
  return { actions, killedAt };
}

function expectExactActions(run: Run) {
  expect(run.killedAt).toHaveLength(1);
  // The kill landed mid-run: some actions were written while partitions still had work due.
  expect(run.killedAt[0]!.done).toBeGreaterThan(0);
  expect(run.killedAt[0]!.done).toBeLessThan(run.killedAt[0]!.total);
  expect(run.killedAt[0]!.busyPartitions).toBeGreaterThan(0);
  const wrong = customers.filter((c) => JSON.stringify(run.actions.get(c.id) ?? []) !== JSON.stringify(c.expected));
  expect(wrong.slice(0, 5).map((c) => ({ id: c.id, expected: c.expected, actual: run.actions.get(c.id) }))).toEqual([]);
}

const pg = await postgresTarget();

describe("crash safety", () => {
  it("R1: SQLite — a worker killed mid-run and restarted leaves every customer with exactly the prescribed actions", async () => {
    expectExactActions(await crashRun("sqlite", 1));
  }, 300_000);

  afterAll(() => pg.dropAll());
  it.skipIf(!pg.available)(
    "R1: PostgreSQL with one worker — killed mid-run and restarted",
    async () => {
      expectExactActions(await crashRun(await pg.schemaUrl(), 1));
    },
    300_000,
  );
  it.skipIf(!pg.available)(
    "R2: PostgreSQL with two workers — one killed mid-run and restarted; no step runs twice",
    async () => {
      expectExactActions(await crashRun(await pg.schemaUrl(), 2));
    },
    300_000,
  );
});
