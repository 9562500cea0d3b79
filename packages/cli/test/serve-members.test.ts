import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

type Json = Record<string, unknown> & { csrfToken?: string };

/**
 * Issue 13: `serve` wires the members' emails into the project's own email channel. In demo mode an invitation and a
 * password reset arrive in the development mailbox, with links to this server's editor that work.
 */
describe("overture serve: members' emails through the email channel", () => {
  let running: RunningServe;
  let dataDir: string;
  let cookie = "";
  let csrf = "";
  beforeAll(async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("OVERTURE_PUBLIC_URL", "");
    dataDir = await mkdtemp(join(tmpdir(), "overture-serve-members-"));
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true, worker: false });
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    vi.unstubAllEnvs();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0] ?? "";
    const json = (await response.json()) as Json;
    if (json.csrfToken) csrf = json.csrfToken;
    return { status: response.status, body: json };
  }

  async function mailTo(email: string): Promise<string> {
    const listed = await fetch(`${running.url}/v1/mailbox/messages`, {
      headers: { authorization: `Bearer ${running.keys.secretKey}` },
    });
    const { messages } = (await listed.json()) as { messages: Array<{ to: string[]; text: string }> };
    const found = messages.find((m) => m.to.includes(email));
    if (!found) throw new Error(`no email to ${email}`);
    return found.text;
  }

  it("sends an invitation and a reset link into the dev mailbox, pointing at this server", async () => {
    const setup = await call("POST", "/v1/setup", {
      email: "olive@example.com",
      name: "Olive",
      password: "olive's long password",
    });
    expect(setup.status).toBe(201);
    const invited = await call("POST", "/v1/invitations", { email: "nina@example.com", role: "editor" });
    expect(invited.body).toMatchObject({ emailed: true });
    const text = await mailTo("nina@example.com");
    const link = new RegExp(`${running.url.replace("127.0.0.1", "localhost")}/#/invitations/([\\w-]+)`).exec(text);
    expect(link?.[1]).toBeTruthy();
    cookie = "";
    csrf = "";
    const joined = await call("POST", `/v1/invitations/${link?.[1]}/accept`, {
      name: "Nina",
      password: "nina's long password",
    });
    expect(joined.status).toBe(200);
    expect(joined.body.workspace).toMatchObject({ role: "editor" });

    const asked = await call("POST", "/v1/password-resets", { email: "olive@example.com" });
    expect(asked.status).toBe(200);
    // The email goes out after the answer; the mailbox has it once the SMTP exchange ends.
    let reset: RegExpExecArray | null = null;
    for (let i = 0; i < 1000 && !reset; i++) {
      reset = /\/#\/reset-password\/([\w-]+)/.exec(await mailTo("olive@example.com").catch(() => ""));
      if (!reset) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(reset?.[1]).toBeTruthy();
    const done = await call("POST", "/v1/password-resets/confirm", {
      token: reset?.[1],
      password: "olive's new password",
    });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ email: "olive@example.com" });
  });
});
