import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEmailChannel,
  createEmailService,
  createEmailTracking,
  createMailbox,
  createSmtpSender,
  startDevSmtpServer,
} from "@overture/channels";
import { openOverture, VirtualClock } from "@overture/runtime";
import { createApp } from "../src/index.ts";

export const BASE_URL = "http://overture.test";
const SECRET = "server-email-test-secret";

/**
 * A real runtime on SQLite, the email channel and services sending over real SMTP to the development SMTP server on
 * loopback, and the app with the email and mailbox routes, called in memory.
 */
export async function openEmailApp() {
  const dir = mkdtempSync(join(tmpdir(), "overture-server-email-"));
  const mailbox = createMailbox({ file: join(dir, "mailbox.jsonl") });
  const smtp = await startDevSmtpServer(mailbox);
  const overture = await openOverture({
    dataDir: dir,
    clock: new VirtualClock(Date.UTC(2026, 0, 5, 9)),
    durability: "normal",
  });
  const keys = await overture.workspaces.ensureDefault();
  const sender = createSmtpSender(smtp.url);
  const options = { from: "hello@overture.test", baseUrl: BASE_URL, signingSecret: SECRET };
  const channel = createEmailChannel({ ...options, store: overture.store, sender });
  overture.dispatcher.register(channel);
  const app = createApp(overture, {
    email: {
      service: createEmailService({ ...options, customers: overture.customers, sender }),
      tracking: createEmailTracking(SECRET, overture),
    },
    mailbox: { mailbox, smtpUrl: smtp.url },
    onUnexpectedError: (error) => {
      throw error;
    },
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(path, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${keys.secretKey}`, ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // HTML pages and images stay text.
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
    return { status: response.status, body: json as any, text, headers: response.headers };
  }

  return {
    app,
    overture,
    keys,
    mailbox,
    call,
    async close() {
      sender.close();
      await overture.close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
