import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChannelsSetup } from "@overture/channels";
import { type Overture, type OvertureOptions, openOverture } from "@overture/runtime";
import { type RunningServer, type ServeOptions, serve } from "@overture/server";
import { createAuditLog } from "@overture/team";
import type { Page } from "playwright-core";
import { wireChannels } from "../packages/cli/src/wire-channels.ts";
import { buildEditor, openBrowser } from "./browser.ts";

/** A running editor on a fresh SQLite data folder, opened in Chromium: what most browser tests start from. */
export type EditorHarness = {
  overture: Overture;
  server: RunningServer;
  page: Page;
  workspaceId: string;
  secretKey: string;
  writeKey: string;
  /** With `product`: the channel modules' set-up, its dev sinks (the SMS provider, the push service) among them. */
  channels?: ChannelsSetup;
  /** The API's address (127.0.0.1), for calls made with another key. */
  apiUrl: string;
  /** The editor's address for a hash route (`#/journeys/ID`), on `localhost` so the demo key is handed out. */
  editorUrl(hash?: string): string;
  /** Authenticated JSON request to the API with the workspace's secret key. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
};

type ServeExtras = Omit<ServeOptions, "port" | "host" | "editor">;

/**
 * Builds the editor into its own folder (other editor tests build at the same time), opens a store in a fresh data
 * folder, serves the API and editor on 127.0.0.1 with the secret key handed to the page, and opens a 1280×800
 * Chromium page that reports page errors on the test's console. With `product`, the server is the one `npm start`
 * runs: every channel wired (email through the development SMTP server and its mailbox; webhooks allowed to
 * loopback), the engine and the dispatcher started.
 */
export async function startEditorHarness(
  name: string,
  options: {
    overture?: Omit<OvertureOptions, "dataDir">;
    /** Server options, or a function of the opened runtime for those that need it (the email service). */
    serve?: ServeExtras | ((overture: Overture) => ServeExtras);
    browser?: Parameters<typeof openBrowser>[0];
    product?: boolean;
  } = {},
): Promise<EditorHarness> {
  const dist = await buildEditor(name);
  const dataDir = await mkdtemp(join(tmpdir(), `overture-${name}-e2e-`));
  const overture = await openOverture({ ...options.overture, dataDir });
  let publicUrl = "";
  const wired = options.product
    ? await wireChannels(overture, {
        dataDir,
        publicUrl: () => publicUrl,
        devMailbox: true,
        env: { OVERTURE_WEBHOOK_ALLOW: "127.0.0.1" },
      })
    : null;
  const email = wired?.email;
  const keys = await overture.workspaces.ensureDefault();
  if (options.product) {
    overture.engine.start();
    overture.dispatcher.start();
  }
  // The product's server records the audit log, as `overture serve` wires it.
  const api = options.product ? { ...overture, audit: createAuditLog(overture.store) } : overture;
  const server = await serve(api, {
    ...(email && {
      email: { service: email.service, tracking: email.tracking },
      mailbox: email.mailbox ? { mailbox: email.mailbox, smtpUrl: email.smtpUrl } : undefined,
      channels: wired?.channels,
    }),
    ...(typeof options.serve === "function" ? options.serve(overture) : options.serve),
    port: 0,
    host: "127.0.0.1",
    editor: { distDir: dist, localApiKey: keys.secretKey },
  });
  publicUrl = server.url;
  const browser = await openBrowser(options.browser);
  browser.page.on("pageerror", (error) => console.error(`[page ${name}] ${error.message}`));
  // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
  const base = server.url.replace("127.0.0.1", "localhost");
  return {
    overture,
    server,
    page: browser.page,
    workspaceId: keys.workspaceId,
    secretKey: keys.secretKey,
    writeKey: keys.writeKey,
    ...(wired ? { channels: wired.channels } : {}),
    apiUrl: server.url,
    editorUrl: (hash = "") => `${base}/${hash}`,
    async request(method, path, body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${keys.secretKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await browser.close();
      await server.close();
      await wired?.close();
      await overture.close();
      for (const dir of [dist, dataDir]) await rm(dir, { recursive: true, force: true });
    },
  };
}
