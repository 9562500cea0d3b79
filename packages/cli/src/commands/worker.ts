import { hostname } from "node:os";
import { type Overture, startSegmentSizeJob } from "@overture/runtime";
import { startRetentionJob } from "@overture/team";
import { dispatcherOptionsFromEnv } from "../dispatcher-env.ts";
import { maskUrl } from "../mask-url.ts";
import { requireSecretOnPostgres } from "../require-secret.ts";
import { untilSignal } from "../signals.ts";
import { CommandError, intOption, parseCommandArgs, UsageError } from "../usage.ts";
import type { WorkerStats } from "../worker-loop.ts";

const count = new Intl.NumberFormat("en-US");

/**
 * `overture worker [--batch-size N] [--poll-ms MS] [--heartbeat S] [--data DIR]`: runs only the engine loop and the
 * outbox dispatcher, with the real channel handlers, against the PostgreSQL in DATABASE_URL; as many as wanted, on
 * as many hosts, next to `serve --no-worker` API processes. Prints a heartbeat line every S seconds. SIGTERM or
 * Ctrl-C: takes no more work, lets the batch in hand commit, closes the store and exits 0; a second signal exits at once.
 */
export async function workerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    "batch-size": { type: "string" },
    "poll-ms": { type: "string" },
    heartbeat: { type: "string" },
    data: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`overture worker takes no FILE, got: ${positionals.join(" ")}`);
  const batchSize = intOption(values["batch-size"], "batch-size", 1_000, 1, 100_000);
  const pollMs = intOption(values["poll-ms"], "poll-ms", 200, 1, 60_000);
  const heartbeatS = intOption(values.heartbeat, "heartbeat", 10, 0, 86_400);
  const dataDir = values.data ?? process.env.OVERTURE_DATA_DIR ?? "data";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  // SQLite is one process: its engine runs inside `serve` (docs/scale-out.md).
  if (!databaseUrl) {
    throw new CommandError(
      "overture worker needs PostgreSQL: set DATABASE_URL. On SQLite the engine runs inside `overture serve`, in one process",
    );
  }
  requireSecretOnPostgres(databaseUrl);

  const dispatcher = dispatcherOptionsFromEnv(process.env);
  // Listening from here on: a signal during start-up stops cleanly too, once the loop is running.
  const stopped = untilSignal();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const name = `${hostname()}:${process.pid}`;
  out(`Overture worker ${name}: PostgreSQL ${maskUrl(databaseUrl)}`);
  // Loaded once the command line is known to be right, so a wrong one is answered at once.
  const [
    { openOverture, DISPATCHER_FALLBACK_POLL_MS },
    { openClock },
    { wireChannels },
    { WorkerLoop },
    { createLogger, runtimeHooks },
  ] = await Promise.all([
    import("@overture/runtime"),
    import("../shared-clock.ts"),
    import("../wire-channels.ts"),
    import("../worker-loop.ts"),
    import("@overture/server"),
  ]);
  // Failed passes and dead letters as structured lines (LOG_LEVEL), like `overture serve`'s.
  const hooks = runtimeHooks(createLogger());
  let overture: Overture;
  try {
    overture = await openOverture({
      databaseUrl,
      dataDir,
      clock: openClock(),
      engine: { batchSize },
      dispatcher: { ...dispatcher, onOutcome: hooks.dispatcher.onOutcome },
      log: out,
    });
  } catch (error) {
    throw new CommandError(
      `cannot open PostgreSQL at ${maskUrl(databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const env = process.env;
  const publicUrl = env.OVERTURE_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`;
  const wired = await wireChannels(overture, { dataDir, publicUrl: () => publicUrl }).catch(async (error: unknown) => {
    await overture.close();
    throw error;
  });
  for (const warning of warnings(env, publicUrl)) out(`  warning: ${warning}`);
  const loop = new WorkerLoop(overture.engine, overture.dispatcher, {
    pollMs,
    // The dispatcher sleeps until an engine's commit (NOTIFY, from any worker) or a retry is due; this is the net.
    dispatcherPollMs: Math.max(pollMs, DISPATCHER_FALLBACK_POLL_MS),
    onError: hooks.onLoopError,
  });
  loop.start();
  const retention = startRetentionJob(overture.store, overture.clock, {
    // Reported as the engine's: retention is engine-side housekeeping on the same tables.
    onError: (error) => hooks.onLoopError(error, "engine"),
  });
  const sizes = startSegmentSizeJob(overture.segments, overture.clock, {
    onError: (error) => hooks.onLoopError(error, "engine"),
  });
  out(
    `Working: batches of ${count.format(batchSize)}, polling every ${pollMs} ms. SIGTERM or Ctrl-C stops after the batch in hand.`,
  );
  let previous: WorkerStats = { ...loop.stats };
  let beating = false;
  const heartbeat =
    heartbeatS > 0
      ? setInterval(async () => {
          // A long synchronous delivery (rendering a batch of emails) delays ticks; print one line, not a burst.
          if (beating) return;
          beating = true;
          const now = { ...loop.stats };
          const waiting = await overture.store.pendingEventCount().catch(() => null);
          out(heartbeatLine(now, previous, waiting));
          previous = now;
          beating = false;
        }, heartbeatS * 1_000)
      : null;
  try {
    const signal = await stopped;
    out(`${signal}: stopping after the batch in hand (a second signal stops at once)…`);
    if (heartbeat) clearInterval(heartbeat);
    retention.stop();
    sizes.stop();
    await loop.stop();
  } finally {
    await wired.close();
    await overture.close();
  }
  out(`Stopped. ${totals(loop.stats)}.`);
  return 0;
}

/** One heartbeat: what this worker did in all and since the last line, and how many events wait in the database. */
export function heartbeatLine(now: WorkerStats, before: WorkerStats, eventsWaiting: number | null): string {
  const since = now.steps - before.steps;
  const waiting = eventsWaiting === null ? "" : `; ${count.format(eventsWaiting)} events waiting`;
  const errors = now.errors > before.errors ? `; ${now.errors - before.errors} failed passes` : "";
  return `${new Date().toISOString()} ${totals(now)} (+${count.format(since)} steps)${waiting}${errors}`;
}

function totals(s: WorkerStats): string {
  return `${count.format(s.steps)} steps, ${count.format(s.events)} events, ${count.format(s.timers)} timers, ${count.format(s.outbox)} outbox rows handled`;
}

/** What an operator of several processes must know about this one's set-up. */
function warnings(env: Record<string, string | undefined>, publicUrl: string): string[] {
  const out: string[] = [];
  if (!env.SMTP_URL)
    out.push("SMTP_URL is not set: no email is sent; emails wait in the outbox (smtp_not_configured) until it is");
  if (!env.OVERTURE_PUBLIC_URL) out.push(`OVERTURE_PUBLIC_URL is not set: links in emails point to ${publicUrl}`);
  return out;
}
