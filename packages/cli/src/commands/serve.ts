import { readFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import { DEFAULT_DELIVERY_POLICY, notificationFeed, putDeliveryPolicy, seedPortalContent } from "@overture/channels";
import { buildPortal } from "@overture/demo-portal";
import { type Overture, openOverture, type WorkspaceKeys } from "@overture/runtime";
import { serve, streamLimitsFromEnv } from "@overture/server";
import { readJourneyFile } from "../read-journey.ts";
import { openClock } from "../shared-clock.ts";
import { untilSignal } from "../signals.ts";
import { CommandError, intOption, parseCommandArgs, UsageError } from "../usage.ts";
import { wireChannels } from "../wire-channels.ts";

/** The journey `serve` loads and publishes into an empty workspace. */
export const ONBOARDING_FILE = fileURLToPath(new URL("../../../../examples/onboarding/journey.json", import.meta.url));

/** The demo content library and slots `serve` loads into an empty library. */
export const CONTENT_FILE = fileURLToPath(new URL("../../../../examples/onboarding/content.json", import.meta.url));

/** The built journey editor (`npm run build:editor`), served at `/`. */
export const EDITOR_DIST = fileURLToPath(new URL("../../../editor/dist", import.meta.url));

/** Options of {@link startServe}. */
export type StartServeOptions = {
  port: number;
  host: string;
  /** SQLite folder (ignored with databaseUrl). */
  dataDir: string;
  databaseUrl?: string;
  /** Demo mode (the default of `npm start`): the customer portal at /portal, demo sign-in and the demo clock. */
  demo: boolean;
  /** Run the engine and the dispatcher in this process (default); false when `overture worker` processes do. */
  worker?: boolean;
  /** Where the runtime's log lines go. */
  log?: (line: string) => void;
};

/** A running `overture serve`: its address, keys and runtime, what to print, and how to stop it all. */
export type RunningServe = { url: string; port: number; keys: WorkspaceKeys; overture: Overture; banner: string[]; close(): Promise<void> };

/**
 * Everything `overture serve` starts, without the command line: the runtime on the demo clock (which the demo may move
 * forward; shared through OVERTURE_CLOCK_FILE), the channels, the onboarding journey and demo content, the engine and
 * the dispatcher (unless `worker` is false) and the HTTP server. The browser tests start exactly this.
 */
export async function startServe(options: StartServeOptions): Promise<RunningServe> {
  const { port, host, dataDir, databaseUrl } = options;
  const clock = openClock();
  const overture = await openOverture({ dataDir, databaseUrl, clock, log: options.log });
  try {
    // Email links point here: known once the server listens, unless OVERTURE_PUBLIC_URL says otherwise.
    let publicUrl = process.env.OVERTURE_PUBLIC_URL ?? "";
    const email = await wireChannels(overture, { dataDir, publicUrl: () => publicUrl });
    const keys = await overture.workspaces.ensureDefault();
    const loaded = await loadOnboarding(overture, keys.workspaceId);
    // A first demo start sends at once whatever the hour: someone trying the product at night must see the welcome
    // email arrive. Quiet hours stay a setting (PUT /v1/delivery-policy); production starts (--no-demo) keep them.
    if (options.demo && loaded) await putDeliveryPolicy(overture.store, keys.workspaceId, { ...DEFAULT_DELIVERY_POLICY, quietHours: null }, clock.now());
    const contentLoaded = await seedPortalContent(overture.store, keys.workspaceId, JSON.parse(await readFile(CONTENT_FILE, "utf8")), clock.now());
    const portal = options.demo ? await buildPortal() : null;
    const worker = options.worker ?? true;
    if (worker) {
      overture.engine.start();
      overture.dispatcher.start();
    }
    // Local and demo use: an editor opened from this machine gets the secret key (see docs/decisions/0008).
    const server = await serve(overture, {
      port,
      host,
      demo: portal ? { portal, clock } : undefined,
      editor: { distDir: EDITOR_DIST, localApiKey: keys.secretKey },
      email: { service: email.service, tracking: email.tracking },
      mailbox: email.mailbox ? { mailbox: email.mailbox, smtpUrl: email.smtpUrl } : undefined,
      streams: { limits: streamLimitsFromEnv() },
    });
    const shown = server.url.replace(/:\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):/, "://localhost:");
    publicUrl ||= shown;
    const elsewhere = isWildcard(host) ? networkAddresses().map((address) => `  Also on    http://${address}:${server.port}`) : [];
    const banner = [
      `Overture is running (${databaseUrl ? "PostgreSQL" : `SQLite in ${dataDir}`}).`,
      ...(worker ? [] : ["  Engine     not in this process (--no-worker): run `overture worker` against the same database"]),
      ...(!worker && portal && !process.env.OVERTURE_CLOCK_FILE
        ? ["  Demo clock moves this process only: give every process the same OVERTURE_CLOCK_FILE to move the workers' time too"]
        : []),
      `  Editor     ${shown}/   (open this in your browser)`,
      ...(portal ? [`  Portal     ${shown}/portal/   (demo customer portal: sign in, buy, watch the journey)`] : []),
      `  API        ${shown}/v1`,
      `  OpenAPI    ${shown}/v1/openapi.json`,
      `  Health     ${shown}/health`,
      email.mailbox
        ? `  Mailbox    ${shown}/mailbox   (every email sent, via the development SMTP server ${email.smtpUrl}; set SMTP_URL to send for real)`
        : `  Email      sent through ${email.smtpUrl.replace(/\/\/[^@/]*@/, "//…@")}`,
      ...elsewhere,
      `  Segment    ${shown}/v1/batch (write key as Basic user name)`,
      `  Secret key ${keys.secretKey}   (management: Authorization: Bearer …)`,
      `  Write key  ${keys.writeKey}   (events only)`,
      loaded ? `  Loaded and published "Customer onboarding" (${loaded}).` : "",
      contentLoaded ? `  Loaded ${contentLoaded} content items and the dashboard.hero and sidebar.tip slots.` : "",
    ].filter((line) => line !== "");
    return {
      url: server.url,
      port: server.port,
      keys,
      overture,
      banner,
      async close() {
        notificationFeed.closeAll();
        await server.close();
        await email.close();
        await overture.close();
      },
    };
  } catch (error) {
    await overture.close();
    throw error;
  }
}

/**
 * `overture serve [--port P] [--host H] [--data DIR] [--no-demo] [--no-worker]`: opens the runtime (SQLite in DIR, or
 * PostgreSQL when DATABASE_URL is set), loads the onboarding journey into an empty workspace, starts the engine and
 * the dispatcher (not with --no-worker), serves the API (and, in demo mode, the customer portal), and stops cleanly
 * on Ctrl-C.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: "string" },
    host: { type: "string" },
    data: { type: "string" },
    "no-demo": { type: "boolean" },
    "no-worker": { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`overture serve takes no FILE, got: ${positionals.join(" ")}`);
  const port = intOption(values.port ?? process.env.PORT, "port", 3000, 0, 65_535);
  const host = values.host ?? process.env.HOST ?? "127.0.0.1";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = values.data ?? process.env.OVERTURE_DATA_DIR ?? "data";
  const demo = !values["no-demo"] && process.env.OVERTURE_DEMO !== "0";
  const worker = !values["no-worker"];
  // SQLite is one process: its engine runs inside serve (see docs/scale-out.md).
  if (!worker && !databaseUrl)
    throw new CommandError("--no-worker needs PostgreSQL (set DATABASE_URL): on SQLite the engine runs inside serve, in one process");

  const running = await startServe({ port, host, dataDir, databaseUrl, demo, worker, log: (line) => process.stdout.write(`${line}\n`) });
  try {
    process.stdout.write(`${[...running.banner, "Press Ctrl-C to stop."].join("\n")}\n`);
    await untilSignal();
    process.stdout.write("Stopping…\n");
  } finally {
    await running.close();
  }
  return 0;
}

/** Creates and publishes the onboarding journey when the workspace has none; returns its id, or null. */
async function loadOnboarding(overture: Overture, workspaceId: string): Promise<string | null> {
  if ((await overture.journeys.list(workspaceId)).length > 0) return null;
  const document = await readJourneyFile(ONBOARDING_FILE);
  const journey = await overture.journeys.create(workspaceId, { name: "Customer onboarding", document });
  await overture.journeys.publish(workspaceId, journey.id);
  return journey.id;
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "";
}

/** This machine's non-loopback IPv4 addresses, where a server listening on every interface can be reached too. */
function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === "IPv4" && !i.internal)
    .map((i) => i!.address);
}
