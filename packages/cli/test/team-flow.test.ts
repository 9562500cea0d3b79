import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@overture/runtime";
import { createMembers } from "@overture/team";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

const available = await postgresAvailable(testDatabaseUrl());
if (!available) console.warn("PostgreSQL is not reachable: the team flow on it is skipped.");

const JOURNEY = {
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    { id: "buy", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: the test reads whichever answer each route gives
type Caller = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/**
 * Issue 13, end to end over HTTP on the real `serve`, on each store: an owner sets the workspace up, an editor asks
 * for review, a publisher approves (which publishes), a viewer's read key is refused on publish, the audit log names
 * each of them, and an erased customer's export comes back empty.
 */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("a team at work on %s", (_name, postgres) => {
  let running: RunningServe;
  let dataDir: string;
  let schema: TestSchema | undefined;
  const skip = postgres && !available;

  beforeAll(async () => {
    if (skip) return;
    dataDir = await mkdtemp(join(tmpdir(), "overture-team-flow-"));
    vi.stubEnv("OVERTURE_SECRET", "team-flow-test-secret");
    vi.stubEnv("SMTP_URL", "");
    if (postgres) schema = await createTestSchema(testDatabaseUrl());
    running = await startServe({
      port: 0,
      host: "127.0.0.1",
      demo: false,
      worker: false,
      dataDir,
      databaseUrl: schema?.url,
    });
  });
  afterAll(async () => {
    await running?.close();
    vi.unstubAllEnvs();
    await schema?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Calls the API as a member signed in (cookie and CSRF token) or with a key. */
  function callerOf(auth: { cookie: string; csrf: string } | { key: string }): Caller {
    return async (method, path, body) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if ("key" in auth) headers.authorization = `Bearer ${auth.key}`;
      else Object.assign(headers, { cookie: auth.cookie, "x-csrf-token": auth.csrf });
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    };
  }

  async function signIn(email: string, password: string): Promise<Caller> {
    const response = await fetch(`${running.url}/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return callerOf({ cookie, csrf: csrfToken });
  }

  it.skipIf(skip)("review by another publisher, a read key refused, every act in the audit log, erasure", async () => {
    // The owner, from the first-run screen's route; the others as an admin's invitations would leave them.
    const setup = await fetch(`${running.url}/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "olivia@example.com", name: "Olivia", password: "owner's long password" }),
    });
    expect(setup.status).toBe(201);
    const members = createMembers(running.overture.store, systemClock);
    const workspaceId = running.keys.workspaceId;
    for (const [email, name, role] of [
      ["ed@example.com", "Ed", "editor"],
      ["pat@example.com", "Pat", "publisher"],
    ] as const) {
      const user = await members.createUser({ email, name, password: `${name}'s long password` });
      await members.putMember(workspaceId, user.id, role);
    }
    const owner = await signIn("olivia@example.com", "owner's long password");
    const ed = await signIn("ed@example.com", "Ed's long password");
    const pat = await signIn("pat@example.com", "Pat's long password");

    expect((await owner("PUT", "/v1/approvals/settings", { required: true })).status).toBe(200);
    const readKey = (await owner("POST", "/v1/keys", { name: "Reporting", scopes: ["read"] })).body;
    expect(readKey.key).toMatch(/^ovt_/);
    const viewerKey = callerOf({ key: readKey.key });

    // The editor drafts and may not publish; with approvals on, nobody publishes directly.
    const journey = (await ed("POST", "/v1/journeys", { name: "Welcome", document: JOURNEY })).body;
    expect((await ed("POST", `/v1/journeys/${journey.id}/publish`)).status).toBe(403);
    const direct = await pat("POST", `/v1/journeys/${journey.id}/publish`);
    expect(direct).toMatchObject({ status: 409, body: { error: { code: "approval_required" } } });

    // A viewer's key reads, and is refused on publish, naming what it lacks.
    expect((await viewerKey("GET", `/v1/journeys/${journey.id}`)).status).toBe(200);
    const refused = await viewerKey("POST", `/v1/journeys/${journey.id}/publish`);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(refused.body.error.problems[0]).toMatchObject({ code: "missing_scope", message: "needs journeys.publish" });

    // The editor asks for review; an editor cannot decide; the publisher sees the diff and approves, which publishes.
    const asked = (await ed("POST", `/v1/journeys/${journey.id}/approval-requests`, { note: "ready?" })).body;
    expect(asked).toMatchObject({ status: "pending", requestedBy: { kind: "user", name: "Ed" } });
    expect((await ed("POST", `/v1/approval-requests/${asked.id}/approve`, { comment: "me" })).status).toBe(403);
    const detail = (await pat("GET", `/v1/approval-requests/${asked.id}`)).body;
    expect(detail.diff.isNew).toBe(true);
    expect(detail.diff.lines.length).toBeGreaterThan(0);
    const approved = await pat("POST", `/v1/approval-requests/${asked.id}/approve`, { comment: "looks good" });
    expect(approved).toMatchObject({
      status: 200,
      body: { status: "approved", decidedBy: { kind: "user", name: "Pat" }, publishedVersion: 1 },
    });
    expect((await viewerKey("GET", `/v1/journeys/${journey.id}`)).body).toMatchObject({ status: "active" });

    // A customer's data, exported, erased, exported again: empty.
    const ingest = callerOf({ key: running.keys.writeKey });
    expect((await ingest("PUT", `/v1/customers/ada`, { attributes: { email: "ada@example.com" } })).status).toBe(403);
    await owner("PUT", "/v1/customers/ada", { attributes: { email: "ada@example.com" } });
    const event = { id: "e-1", customerId: "ada", name: "purchase.completed", properties: { plan: "pro" } };
    expect((await ingest("POST", "/v1/events", event)).status).toBeLessThan(300);
    const before = (await owner("GET", "/v1/customers/ada/export")).body;
    expect(before.profile).not.toBeNull();
    expect(before.events).toHaveLength(1);
    expect((await viewerKey("DELETE", "/v1/customers/ada")).status).toBe(403);
    expect((await owner("DELETE", "/v1/customers/ada")).status).toBe(200);
    const after = (await owner("GET", "/v1/customers/ada/export")).body;
    expect(after).toMatchObject({ customerId: "ada", profile: null, events: [] });

    // The audit log names who did each of these, members by name and the key by its name.
    const audit = (await owner("GET", "/v1/audit?limit=200")).body.entries as Array<{
      action: string;
      actor: { kind: string; name: string };
    }>;
    const who = (action: string) => audit.filter((e) => e.action === action).map((e) => e.actor.name);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["key.created", "customer.erased", "customer.exported"]),
    );
    expect(who("key.created")).toEqual(["Olivia"]);
    expect(audit.some((e) => e.actor.name === "Ed" && /approval/.test(e.action))).toBe(true);
    expect(audit.some((e) => e.actor.name === "Pat" && /approv/.test(e.action))).toBe(true);
  });
});
