import { readFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import { notificationFeed, putDeliveryPolicy, registryDeliveryPolicy, seedPortalContent } from "@overture/channels";
import { buildPortal } from "@overture/demo-portal";
import {
  type DefaultWorkspaceKeys,
  KEYS_UNREADABLE,
  type Overture,
  openOverture,
  PermanentError,
  previousSecretsFromEnv,
  startSegmentSizeJob,
  systemClock,
} from "@overture/runtime";
import {
  createLogger,
  type Logger,
  Metrics,
  opsOptionsFromEnv,
  runtimeHooks,
  serve,
  streamLimitsFromEnv,
} from "@overture/server";
import {
  createApprovals,
  createAuditLog,
  createMembers,
  createPrivacy,
  createSso,
  smtpAccountMailer,
  ssoConfigFromEnv,
  startAuditPruning,
  startRetentionJob,
} from "@overture/team";
import { dispatcherOptionsFromEnv } from "../dispatcher-env.ts";
import { readJourneyFile } from "../read-journey.ts";
import { requireSecretOnPostgres } from "../require-secret.ts";
import { openClock } from "../shared-clock.ts";
import { untilSignal } from "../signals.ts";
import { CommandError, intOption, parseCommandArgs, UsageError } from "../usage.ts";
import { wireChannels } from "../wire-channels.ts";

/** The journey `serve` loads into an empty workspace: published in demo mode, a draft in production. */
export const ONBOARDING_FILE = fileURLToPath(new URL("../../../../examples/onboarding/journey.json", import.meta.url));

/** The north-star segment `serve --demo` creates once in the default workspace (issue 14). */
export const SEGMENTS_FILE = fileURLToPath(new URL("../../../../examples/onboarding/segments.json", import.meta.url));

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
  /**
   * Demo mode (`--demo`, what `npm start` runs; never for real customers): the customer portal at /portal, demo
   * sign-in, the demo clock, the development SMTP server and /mailbox, and the secret key handed to a local editor.
   * Off, this is production: none of those exist.
   */
  demo: boolean;
  /** Run the engine and the dispatcher in this process (default); false when `overture worker` processes do. */
  worker?: boolean;
  /** Where the runtime's log lines go. */
  log?: (line: string) => void;
  /** The structured log (requests, engine and dispatcher errors); default: pino at LOG_LEVEL on stdout. */
  logger?: Logger;
};

/** A running `overture serve`: its address, keys and runtime, what to print, and how to stop it all. */
export type RunningServe = {
  url: string;
  port: number;
  keys: DefaultWorkspaceKeys;
  overture: Overture;
  banner: string[];
  /** What the operator must fix (printed on stderr by `overture serve`), e.g. email not configured. */
  warnings: string[];
  close(): Promise<void>;
};

/** The banner's second line in demo mode. */
export const DEMO_WARNING =
  "  DEMO MODE  not for real customers: anyone who reaches this server can sign in as a demo customer, move the clock and read /mailbox. Run `overture serve` without --demo in production.";

const SMTP_MISSING =
  "NOT CONFIGURED: set SMTP_URL (smtp://user:pass@host:587); until then emails wait in the outbox (smtp_not_configured)";

/**
 * Everything `overture serve` starts, without the command line: the runtime on the demo clock (which the demo may move
 * forward; shared through OVERTURE_CLOCK_FILE), the channels, the onboarding journey and demo content, the engine and
 * the dispatcher (unless `worker` is false) and the HTTP server. The browser tests start exactly this.
 */
export async function startServe(options: StartServeOptions): Promise<RunningServe> {
  const { port, host, dataDir, databaseUrl } = options;
  const secret = requireSecretOnPostgres(databaseUrl);
  const ssoConfig = readSsoConfig();
  const clock = openClock();
  const ops = opsOptionsFromEnv();
  const logger = options.logger ?? createLogger();
  const metrics = new Metrics();
  const hooks = runtimeHooks(logger, metrics);
  const overture = await openOverture({
    dataDir,
    databaseUrl,
    secret,
    previousSecrets: previousSecretsFromEnv(),
    clock,
    log: options.log,
    engine: hooks.engine,
    dispatcher: { ...dispatcherOptionsFromEnv(process.env), ...hooks.dispatcher },
    onIngested: hooks.onIngested,
  });
  try {
    // Email links point here: known once the server listens, unless OVERTURE_PUBLIC_URL says otherwise.
    let publicUrl = process.env.OVERTURE_PUBLIC_URL ?? "";
    const wired = await wireChannels(overture, { dataDir, publicUrl: () => publicUrl, devMailbox: options.demo });
    const email = wired.email;
    const keys = await overture.workspaces.ensureDefault().catch((error: unknown) => {
      throw error instanceof PermanentError && error.code === KEYS_UNREADABLE ? new CommandError(error.message) : error;
    });
    const loaded = await loadOnboarding(overture, keys.workspaceId, options.demo);
    // A first demo start sends at once whatever the hour: someone trying the product at night must see the welcome
    // email arrive. Quiet hours stay a setting (PUT /v1/delivery-policy); production starts (no --demo) keep them.
    if (options.demo && loaded)
      await putDeliveryPolicy(
        overture.store,
        keys.workspaceId,
        { ...registryDeliveryPolicy(), quietHours: null },
        clock.now(),
      );
    // The example's segments, once: a segment the user deleted is not brought back (its id stays taken).
    if (options.demo)
      await overture.segments.seed(
        keys.workspaceId,
        JSON.parse(await readFile(SEGMENTS_FILE, "utf8")) as Parameters<Overture["segments"]["seed"]>[1],
      );
    const contentLoaded = await seedPortalContent(
      overture.store,
      keys.workspaceId,
      JSON.parse(await readFile(CONTENT_FILE, "utf8")),
      clock.now(),
    );
    const portal = options.demo ? await buildPortal() : null;
    const worker = options.worker ?? true;
    if (worker) {
      overture.engine.start();
      overture.dispatcher.start();
    }
    // Retention (issue 13): every process that works runs the pass; on PostgreSQL one at a time per workspace.
    const retention = worker
      ? startRetentionJob(overture.store, clock, {
          // Reported as the engine's: retention is engine-side housekeeping on the same tables.
          onError: (error) => hooks.onLoopError(error, "engine"),
        })
      : null;
    // Each segment's size, once an hour, for its size-over-time chart.
    const sizes = worker
      ? startSegmentSizeJob(overture.segments, clock, { onError: (error) => hooks.onLoopError(error, "engine") })
      : null;
    const privacy = createPrivacy({ store: overture.store, clock, mailbox: email.mailbox });
    // Demo only: an editor opened from this machine gets the secret key (docs/decisions/0008); production asks for it.
    // Members sign in with sessions on the wall clock: the demo's "advance 1 day" must not expire anyone.
    // Invitations and password resets go out through the same SMTP sender as journeys (the dev mailbox in demo mode).
    const members = createMembers(overture.store, systemClock, {
      mailer: smtpAccountMailer(email.sender, email.from),
      publicUrl: () => publicUrl,
    });
    // Single sign-on (OVERTURE_OIDC_*): the provider comes back to <public URL>/v1/sso/callback.
    const sso = createSso({
      store: overture.store,
      members,
      clock: systemClock,
      config: ssoConfig,
      redirectUri: () => `${publicUrl.replace(/\/+$/, "")}/v1/sso/callback`,
      onFailure: (error) => logger.warn({ err: error }, "single sign-on failed"),
    });
    // The audit log (issue 13): every change and sensitive read recorded by the router, pruned hourly by retention.
    const audit = createAuditLog(overture.store);
    const stopPruning = startAuditPruning(
      audit,
      () => clock.now(),
      (error) => logger.error({ err: error }, "audit log pruning failed"),
    );
    // Approvals (issue 13) on the runtime's store: the publish gate and the review routes share this one port.
    const approvals = createApprovals(overture);
    const server = await serve(
      { ...overture, members, sessions: members.sessions, sso, privacy, approvals, audit },
      {
        port,
        host,
        demo: portal ? { portal, clock } : undefined,
        editor: { distDir: EDITOR_DIST, localApiKey: options.demo ? keys.secretKey : undefined },
        email: { service: email.service, tracking: email.tracking },
        mailbox:
          options.demo && email.mailbox
            ? { mailbox: email.mailbox, smtpUrl: email.smtpUrl, workspaceId: keys.workspaceId }
            : undefined,
        ...ops,
        logger,
        metrics,
        // Workers elsewhere (--no-worker): their lag is reported, but taking this API process out of service would not help.
        health: worker ? ops.health : { maxEngineLagMs: null, ...ops.health },
        streams: { limits: streamLimitsFromEnv() },
        channels: wired.channels,
      },
    );
    const firstRun = !options.demo && (await members.needsSetup());
    const shown = server.url.replace(/:\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):/, "://localhost:");
    publicUrl ||= shown;
    const elsewhere = isWildcard(host)
      ? networkAddresses().map((address) => `  Also on    http://${address}:${server.port}`)
      : [];
    const banner = [
      `Overture is running (${databaseUrl ? "PostgreSQL" : `SQLite in ${dataDir}`})${options.demo ? " in DEMO MODE" : ""}.`,
      ...(options.demo ? [DEMO_WARNING] : []),
      ...(worker
        ? []
        : ["  Engine     not in this process (--no-worker): run `overture worker` against the same database"]),
      ...(!worker && portal && !process.env.OVERTURE_CLOCK_FILE
        ? [
            "  Demo clock moves this process only: give every process the same OVERTURE_CLOCK_FILE to move the workers' time too",
          ]
        : []),
      `  Editor     ${shown}/   (open this in your browser)`,
      ...(firstRun
        ? [
            "  Team       nobody can sign in yet: the editor's first-run screen creates the owner (or `overture users create --email … --role owner`)",
          ]
        : []),
      ...(portal ? [`  Portal     ${shown}/portal/   (demo customer portal: sign in, buy, watch the journey)`] : []),
      `  API        ${shown}/v1`,
      `  OpenAPI    ${shown}/v1/openapi.json`,
      `  Health     ${shown}/health/ready   (metrics: ${shown}/metrics with the secret key or OVERTURE_METRICS_TOKEN)`,
      email.mailbox
        ? `  Mailbox    ${shown}/mailbox   (every email sent, via the development SMTP server ${email.smtpUrl}; set SMTP_URL to send for real)`
        : email.configured
          ? `  Email      sent through ${email.smtpUrl.replace(/\/\/[^@/]*@/, "//…@")}`
          : `  Email      ${SMTP_MISSING}`,
      ...wired.channels.sinks.flatMap((sink) =>
        sink.page
          ? [
              `  ${sink.page.title.padEnd(10)} ${shown}${sink.page.path}   (development ${sink.channel} provider at ${sink.url})`,
            ]
          : [],
      ),
      ...elsewhere,
      `  Segment    ${shown}/v1/batch (write key as Basic user name)`,
      // Production shows the secret key once, when it is created, so that it does not end up in every start's logs.
      options.demo || keys.created
        ? `  Secret key ${keys.secretKey}   (management: Authorization: Bearer …${options.demo ? "" : "; shown once: keep it in your secret store"})`
        : `  Secret key shown when it was created${databaseUrl ? "" : `; also in ${dataDir}/keys.json`}`,
      `  Write key  ${keys.writeKey}   (events only)`,
      loaded ? onboardingLine(loaded, options.demo) : "",
      contentLoaded ? `  Loaded ${contentLoaded} content items and the dashboard.hero and sidebar.tip slots.` : "",
    ].filter((line) => line !== "");
    return {
      url: server.url,
      port: server.port,
      keys,
      overture,
      banner,
      warnings: email.configured ? [] : [`email is not configured: ${SMTP_MISSING}`],
      async close() {
        retention?.stop();
        sizes?.stop();
        stopPruning();
        notificationFeed.closeAll();
        await server.close();
        await wired.close();
        await overture.close();
      },
    };
  } catch (error) {
    await overture.close();
    throw error;
  }
}

/**
 * `overture serve [--port P] [--host H] [--data DIR] [--demo] [--no-worker]`: opens the runtime (SQLite in DIR, or
 * PostgreSQL when DATABASE_URL is set), loads the onboarding journey into an empty workspace (a draft; published with
 * --demo), starts the engine and the dispatcher (not with --no-worker), serves the API (and, with --demo or
 * OVERTURE_DEMO=1, the demo portal, demo routes and mailbox), and stops cleanly on Ctrl-C. `--no-demo` is still
 * accepted: it is the default.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: "string" },
    host: { type: "string" },
    data: { type: "string" },
    demo: { type: "boolean" },
    "no-demo": { type: "boolean" },
    "no-worker": { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`overture serve takes no FILE, got: ${positionals.join(" ")}`);
  const port = intOption(values.port ?? process.env.PORT, "port", 3000, 0, 65_535);
  const host = values.host ?? process.env.HOST ?? "127.0.0.1";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = values.data ?? process.env.OVERTURE_DATA_DIR ?? "data";
  if (values.demo && values["no-demo"]) throw new UsageError("--demo and --no-demo contradict each other: give one");
  const demo = !values["no-demo"] && (values.demo === true || isOn(process.env.OVERTURE_DEMO));
  const worker = !values["no-worker"];
  // SQLite is one process: its engine runs inside serve (see docs/scale-out.md).
  if (!worker && !databaseUrl)
    throw new CommandError(
      "--no-worker needs PostgreSQL (set DATABASE_URL): on SQLite the engine runs inside serve, in one process",
    );

  const running = await startServe({
    port,
    host,
    dataDir,
    databaseUrl,
    demo,
    worker,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  try {
    for (const warning of running.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`${[...running.banner, "Press Ctrl-C to stop."].join("\n")}\n`);
    await untilSignal();
    process.stdout.write("Stopping…\n");
  } finally {
    await running.close();
  }
  return 0;
}

/**
 * Creates the onboarding journey when the workspace has none; returns its id, or null. Only a demo publishes it: in
 * production it stays a draft, an example to start from, since published it would email real customers on their
 * first purchase.
 */
async function loadOnboarding(overture: Overture, workspaceId: string, publish: boolean): Promise<string | null> {
  if ((await overture.journeys.list(workspaceId)).length > 0) return null;
  const document = await readJourneyFile(ONBOARDING_FILE);
  const journey = await overture.journeys.create(workspaceId, { name: "Customer onboarding", document });
  if (publish) await overture.journeys.publish(workspaceId, journey.id);
  return journey.id;
}

function onboardingLine(journeyId: string, published: boolean): string {
  return published
    ? `  Loaded and published "Customer onboarding" (${journeyId}).`
    : `  Loaded "Customer onboarding" as a draft (${journeyId}): an example to start from in the editor; it sends nothing until you publish it.`;
}

/** The OpenID Connect provider of OVERTURE_OIDC_*, or null; a half-set configuration stops the start with why. */
function readSsoConfig() {
  try {
    return ssoConfigFromEnv(process.env);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
}

/** OVERTURE_DEMO=1 (or true, yes, on) turns demo mode on. */
function isOn(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
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
