import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmailSetup } from "@overture/channels";
import { type Clock, type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page } from "playwright-core";
import { wireChannels } from "../packages/cli/src/wire-channels.ts";
import { buildEditor, openBrowser } from "./browser.ts";

/** The workspace screens' browser tests: the server as `npm start` runs it (channels, worker, dispatcher) in Chromium. */
export type WorkspaceHarness = {
  overture: Overture;
  page: Page;
  workspaceId: string;
  writeKey: string;
  /** The API's address (127.0.0.1), for calls made with another key. */
  apiUrl: string;
  editorUrl(hash?: string): string;
  /** Authenticated JSON request with the secret key; throws on a status of 300 or more. */
  request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
};

/**
 * Builds the editor into its own folder, opens a store in a fresh data folder, wires every channel (email through the
 * development SMTP server; webhooks allowed to loopback), starts the engine and the dispatcher, serves API and editor
 * on 127.0.0.1 and opens a 1280×800 Chromium page. A `clock` (an OffsetClock) lets a test move the journeys' time.
 */
export async function startWorkspaceHarness(name: string, options: { clock?: Clock } = {}): Promise<WorkspaceHarness> {
  const dist = await buildEditor(name);
  const dataDir = await mkdtemp(join(tmpdir(), `overture-${name}-e2e-`));
  const overture = await openOverture({ dataDir, ...(options.clock ? { clock: options.clock } : {}) });
  let publicUrl = "";
  const email: EmailSetup = await wireChannels(overture, {
    dataDir,
    publicUrl: () => publicUrl,
    devMailbox: true,
    env: { OVERTURE_WEBHOOK_ALLOW: "127.0.0.1" },
  });
  const keys = await overture.workspaces.ensureDefault();
  overture.engine.start();
  overture.dispatcher.start();
  const server: RunningServer = await serve(overture, {
    port: 0,
    host: "127.0.0.1",
    editor: { distDir: dist, localApiKey: keys.secretKey },
    email: { service: email.service, tracking: email.tracking },
    mailbox: email.mailbox ? { mailbox: email.mailbox, smtpUrl: email.smtpUrl } : undefined,
  });
  publicUrl = server.url;
  const browser = await openBrowser();
  browser.page.on("pageerror", (error) => console.error(`[page ${name}] ${error.message}`));
  const base = server.url.replace("127.0.0.1", "localhost");
  return {
    overture,
    page: browser.page,
    workspaceId: keys.workspaceId,
    writeKey: keys.writeKey,
    apiUrl: server.url,
    editorUrl: (hash = "") => `${base}/${hash}`,
    async request(method, path, body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${keys.secretKey}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    },
    async close() {
      await browser.close();
      await server.close();
      await email.close();
      await overture.close();
      for (const dir of [dist, dataDir]) await rm(dir, { recursive: true, force: true });
    },
  };
}
