import type { RedriveFilter } from "@overture/runtime";
import { maskUrl } from "../mask-url.ts";
import { CommandError, intOption, parseCommandArgs, UsageError } from "../usage.ts";

/**
 * `overture outbox redrive [--channel C] [--journey J] [--step S] [--customer ID] [--workspace W] [--error TEXT]
 * [--dead-since T] [--dead-until T] [--limit N] [--dry-run] [--data DIR]`: puts the dead letters that match back
 * to pending, with fresh attempts and retry window, in the database `serve` uses (DATABASE_URL, else the SQLite file
 * in --data), and prints how many. `--dry-run` only counts them.
 */
export async function outboxCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "redrive")
    throw new UsageError(
      action === undefined ? "overture outbox needs an action: redrive" : `unknown outbox action "${action}"`,
    );
  const { values, positionals } = parseCommandArgs(rest, {
    channel: { type: "string" },
    journey: { type: "string" },
    step: { type: "string" },
    customer: { type: "string" },
    workspace: { type: "string" },
    error: { type: "string" },
    "dead-since": { type: "string" },
    "dead-until": { type: "string" },
    limit: { type: "string" },
    "dry-run": { type: "boolean" },
    data: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`overture outbox redrive takes no FILE, got: ${positionals.join(" ")}`);
  const filter: RedriveFilter = {
    workspaceId: text(values.workspace, "workspace"),
    channel: text(values.channel, "channel"),
    journeyId: text(values.journey, "journey"),
    stepId: text(values.step, "step"),
    customerId: text(values.customer, "customer"),
    errorContains: text(values.error, "error"),
    deadSince: instant(values["dead-since"], "dead-since"),
    deadUntil: instant(values["dead-until"], "dead-until"),
    limit: values.limit === undefined ? undefined : intOption(values.limit, "limit", 0, 1, 1_000_000),
  };
  const dryRun = values["dry-run"] === true;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = values.data ?? process.env.OVERTURE_DATA_DIR ?? "data";
  const where = databaseUrl ? `PostgreSQL ${maskUrl(databaseUrl)}` : `SQLite in ${dataDir}`;

  const { openStore } = await import("@overture/runtime");
  const { existsSync } = await import("node:fs");
  const { join } = await import("node:path");
  // Never create an empty database by mistake: the SQLite file must be there already.
  if (!databaseUrl && !existsSync(join(dataDir, "overture.db")))
    throw new CommandError(`no Overture database in ${dataDir} (give --data DIR, or set DATABASE_URL)`);
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ databaseUrl, dataDir });
    await store.migrate();
  } catch (error) {
    throw new CommandError(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const count = await store.redriveOutbox(dropUndefined(filter), Date.now(), { dryRun });
    const letters = `${count} dead letter${count === 1 ? "" : "s"}`;
    process.stdout.write(
      dryRun
        ? `${letters} ${count === 1 ? "matches" : "match"} (dry run: nothing changed)\n`
        : `${letters} back to pending\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function text(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "") throw new UsageError(`--${flag} must not be empty`);
  return value;
}

/** An ISO date or time (2026-01-05, 2026-01-05T09:00:00Z) or milliseconds since the epoch. */
function instant(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const at = /^\d+$/.test(value) ? Number(value) : /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at))
    throw new UsageError(
      `--${flag} must be an ISO date or time (2026-01-05T09:00:00Z) or epoch milliseconds, got "${value}"`,
    );
  return at;
}

function dropUndefined(filter: RedriveFilter): RedriveFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as RedriveFilter;
}
