import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allows, type KeyScope, type Principal, ROLES, type Role } from "@overture/api-contract";
import { systemClock } from "@overture/runtime";
import { ROUTE_PERMISSIONS } from "@overture/server";
import { createMembers } from "@overture/team";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

type Doc = { paths: Record<string, Record<string, { operationId: string }>> };
type Operation = { method: string; path: string; operationId: string };
type Caller = { name: string; principal: Principal; headers: () => Record<string, string> };
type Answer = { status: number; code: string | undefined; problem: string | undefined };

/** What the router answers when it refuses a credential: these must match the permission table exactly. */
const SIGN_OUTS = new Set(["signOut", "signOutEverywhere"]);

/**
 * Issue 13: one table decides every route's permission, and this walks every role and a key of each scope over every
 * operation of the OpenAPI document a production server serves: 403 exactly when `allows` says no for the route's
 * entry in ROUTE_PERMISSIONS, and never 401 or 403 from the router when it says yes. Path parameters are harmless
 * dummy ids and bodies `{}`, so the calls stop at validation or "not found" once let through.
 */
describe("every role and key over every route", () => {
  let running: RunningServe;
  let dataDir: string;
  let operations: Operation[];
  const callers: Caller[] = [];

  beforeAll(async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("OVERTURE_DEMO", "");
    vi.stubEnv("OVERTURE_RATE_LIMITS", "off");
    dataDir = await mkdtemp(join(tmpdir(), "overture-role-by-route-"));
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: false, worker: false });
    const doc = (await (await fetch(`${running.url}/v1/openapi.json`)).json()) as Doc;
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId })),
    );
    // The same tables the server uses: members made here sign in there.
    const members = createMembers(running.overture.store, systemClock);
    const workspaceId = running.keys.workspaceId;
    for (const role of ROLES) {
      const email = `${role}@example.com`;
      const user = await members.createUser({ email, name: role, password: `${role}'s long password` });
      await members.putMember(workspaceId, user.id, role);
      const browser = await signIn(email, `${role}'s long password`);
      callers.push({
        name: role,
        principal: { kind: "user", workspaceId, userId: user.id, email, name: role, role: role as Role },
        headers: () => ({ cookie: browser.cookie, "x-csrf-token": browser.csrf }),
      });
    }
    // The two keys of before, and a key of each narrower scope made as an admin makes them (POST /v1/keys).
    const scoped = async (scope: KeyScope) =>
      (await running.overture.keys.create(workspaceId, { name: `${scope} key`, scopes: [scope] })).key;
    const keys: Array<[string, string, KeyScope[]]> = [
      ["secret key (manage)", running.keys.secretKey, ["manage"]],
      ["write key (ingest)", running.keys.writeKey, ["ingest"]],
      ["read key", await scoped("read"), ["read"]],
      ["portal key", await scoped("portal"), ["portal"]],
    ];
    for (const [name, key, scopes] of keys) {
      callers.push({
        name,
        principal: { kind: "key", workspaceId, keyId: name, name, scopes },
        headers: () => ({ authorization: `Bearer ${key}` }),
      });
    }
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    vi.unstubAllEnvs();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function signIn(email: string, password: string) {
    const response = await fetch(`${running.url}/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status, `sign-in of ${email}`).toBe(200);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie, csrf: csrfToken };
  }

  async function call(caller: Caller, op: Operation): Promise<Answer> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => `dummy-${name}`);
    const response = await fetch(`${running.url}${path}`, {
      method: op.method,
      headers: { "content-type": "application/json", ...caller.headers() },
      body: op.method === "GET" ? undefined : "{}",
    });
    const text = await response.text();
    let body: { error?: { code?: string; problems?: Array<{ code?: string }> } } = {};
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, code: body.error?.code, problem: body.error?.problems?.[0]?.code };
  }

  /** Wrong answers of one caller on some operations, as lines (empty when every answer fits the table). */
  async function walk(caller: Caller, ops: Operation[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const op of ops) {
      const permission = ROUTE_PERMISSIONS[op.operationId];
      if (!permission) {
        wrong.push(`${op.operationId}: no entry in ROUTE_PERMISSIONS`);
        continue;
      }
      const answer = await call(caller, op);
      const said = `${op.method} ${op.path} (${op.operationId}, ${permission}) answered ${answer.status} ${answer.code}/${answer.problem}`;
      if (answer.status >= 500) wrong.push(`${said}: a server error`);
      if (permission === "public") {
        // The router lets anyone through, session or not; the route may still check its own credential (a stream
        // ticket, a provider's signature, the metrics token), so only the router's session check is out of place.
        if (answer.problem === "csrf") {
          wrong.push(`${said}: refused by the router on a public route`);
        }
      } else if (!allows(caller.principal, permission)) {
        if (answer.status !== 403) wrong.push(`${said}: expected 403`);
      } else if (answer.status === 401 || answer.status === 403) {
        // A portal route let through still needs the customer's own token (a second credential, not a permission).
        if (answer.code !== "invalid_customer_token") wrong.push(`${said}: allowed, yet refused`);
      }
    }
    return wrong;
  }

  it("answers 403 exactly where the permission table says no, for each role and key", async () => {
    expect(operations.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const caller of callers) {
      for (const line of await walk(
        caller,
        operations.filter((op) => !SIGN_OUTS.has(op.operationId)),
      ))
        wrong.push(`${caller.name}: ${line}`);
    }
    expect(wrong).toEqual([]);
    // The walk really let some calls through and refused others.
    const viewer = callers.find((c) => c.name === "viewer") as Caller;
    const publish = operations.find((op) => op.operationId === "publishJourney") as Operation;
    expect((await call(viewer, publish)).status).toBe(403);
    expect((await call(callers.find((c) => c.name === "publisher") as Caller, publish)).status).toBe(404);
  }, 60_000);

  it("signs out last: everywhere, then this session, as the table says", async () => {
    const wrong: string[] = [];
    const ops = ["signOutEverywhere", "signOut"].map(
      (id) => operations.find((op) => op.operationId === id) as Operation,
    );
    for (const caller of callers) {
      for (const op of ops) {
        if (caller.principal.kind === "user" && op.operationId === "signOut") {
          // Everywhere ended this session too: sign in again to sign out of one.
          const again = await signIn(caller.principal.email, `${caller.name}'s long password`);
          caller.headers = () => ({ cookie: again.cookie, "x-csrf-token": again.csrf });
        }
        for (const line of await walk(caller, [op])) wrong.push(`${caller.name}: ${line}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
