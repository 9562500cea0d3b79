import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useWebhookSecretBox } from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { createSecretBox, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { createAuditLog } from "@overture/team";
import { createApp } from "../src/index.ts";

/** 2025-01-06T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

type CallOptions = { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> };

/**
 * A real runtime on a temporary SQLite file under virtual time, and the app in front of it, called in memory.
 * `call` sends JSON with the secret key unless told otherwise and returns the status and the parsed body.
 */
export async function openTestApp(options: { maxBodyBytes?: number } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "overture-server-test-"));
  const clock = new VirtualClock(T0);
  const overture = await openOverture({ dataDir, clock });
  const keys: WorkspaceKeys = await overture.workspaces.ensureDefault();
  // What serve does through setUpDelivery: webhook secrets are sealed with a key from the server's secret.
  useWebhookSecretBox(overture.store, createSecretBox("test server secret"));
  const unexpected: unknown[] = [];
  // The audit log as serve wires it, so every route is tested recording its entry.
  const app = createApp(
    { ...overture, audit: createAuditLog(overture.store) },
    { ...options, onUnexpectedError: (error) => unexpected.push(error) },
  );

  async function call(method: string, path: string, opts: CallOptions = {}) {
    const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
    const key = opts.key === undefined ? keys.secretKey : opts.key;
    if (key !== null && !headers.authorization) headers.authorization = `Bearer ${key}`;
    const body =
      method === "GET" ? undefined : (opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)));
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
    return { status: response.status, body: json as any, headers: response.headers };
  }

  return {
    app,
    overture,
    clock,
    keys,
    unexpected,
    call,
    async close() {
      await overture.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof openTestApp>>;

/** HTTP Basic with the write key as user name and an empty password, as Segment's libraries send it. */
export function basicAuth(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
}

/** A small valid journey: purchase → welcome email → wait for login (3 days) → thanks / nudge → exit. */
export const WELCOME_JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    { id: "purchase", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "wait-login" },
    {
      id: "wait-login",
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: "3d",
      next: "done",
      timeoutNext: "nudge",
    },
    { id: "nudge", type: "email", subject: "Come back", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** The same journey entered by API call instead of an event. */
export const API_JOURNEY: JourneyDocumentInput = {
  ...WELCOME_JOURNEY,
  name: "Started by API",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "api" }, next: "welcome" },
    ...WELCOME_JOURNEY.steps.slice(1),
  ],
};
