import { type ParseArgsConfig, parseArgs } from "node:util";

/** What `overture` prints for --help, and on stderr with exit code 2 when the command line is wrong. */
export const USAGE = `Usage: overture <command> [options]

Commands:
  validate FILE                 Check a journey document; prints each problem as "step: code: message".
                                Exit 0 when valid, 1 when not (or the file cannot be read).
      --json                    Print { valid, problems } as JSON instead.

  simulate FILE                 Run the journey for synthetic customers under virtual time, then print a funnel.
      --customers N             How many customers (default 1000).
      --days D                  How many virtual days to run (default 30).
      --seed S                  Seed of the synthetic population (default 1).
      --store sqlite|postgres   Where to run it: a temporary SQLite file (default) or a temporary
                                schema in DATABASE_URL.

  serve                         Run the HTTP API and the engine (loads the onboarding journey on first start,
                                as a draft; published with --demo).
      --port P                  Port (default $PORT or 3000; 0 picks a free one).
      --host H                  Interface (default $HOST or 127.0.0.1).
      --data DIR                SQLite folder (default $OVERTURE_DATA_DIR or ./data). DATABASE_URL selects PostgreSQL.
      --demo                    Demo mode, what \`npm start\` runs ($OVERTURE_DEMO=1); NEVER for real customers:
                                the demo portal at /portal, sign-in without a password, the demo clock, the
                                development SMTP server and /mailbox, the secret key handed to a local editor,
                                the onboarding journey published.
                                Without it (or with --no-demo) serve is production: none of these exist, the
                                editor asks for the secret key, and email needs SMTP_URL.
      --no-worker               API, editor and portal only: \`overture worker\` processes run the engine
                                (PostgreSQL only; see docs/scale-out.md).

  worker                        Run only the engine and the outbox dispatcher against DATABASE_URL (PostgreSQL);
                                run as many as you like, on as many hosts. SIGTERM finishes the batch in hand.
      --batch-size N            Events and due timers per partition per transaction (default 1000).
      --poll-ms MS              How often to look for work when idle (default 200).
      --heartbeat S             Print a progress line every S seconds; 0 never (default 10).
      --data DIR                Data folder (default $OVERTURE_DATA_DIR or ./data). Needs OVERTURE_SECRET; emails
                                wait in the outbox until SMTP_URL is set.

  outbox redrive                Put dead letters back to pending (fresh attempts and retry window) in the database
                                of DATABASE_URL, else the SQLite file in --data; prints how many. Filters combine:
      --channel C               email, notification, slot, webhook…
      --journey J  --step S     A journey id, a step id.
      --customer ID             One customer.
      --workspace W             One workspace (default: all).
      --error TEXT              The last error contains TEXT (any case), e.g. ECONNREFUSED.
      --dead-since T            Died at or after T (ISO date or time, or epoch ms); --dead-until T: before T.
      --limit N                 At most N, oldest first.
      --dry-run                 Only count them.
      --data DIR                SQLite folder (default $OVERTURE_DATA_DIR or ./data).

  rotate-identity-secret        Rotate the identity secret that signs customer tokens (as POST
                                /v1/identity-secrets/rotate): the previous one keeps verifying for the overlap.
      --overlap S               Seconds the previous secret keeps verifying (default 86400; 0 retires it now).
      --data DIR                SQLite folder (default $OVERTURE_DATA_DIR or ./data). DATABASE_URL selects PostgreSQL.

  users create                  Create a user with a role in a workspace (scripted installs, the first owner).
      --email E                 Their email (they sign in with it).
      --role R                  owner, admin, publisher, editor or viewer.
      --name N                  Their name (default: the email's local part).
      --workspace W             A workspace id (default: default).
      --password-stdin          Read the password from stdin; without it a strong one is generated and printed once.
      --data DIR                SQLite folder (default $OVERTURE_DATA_DIR or ./data). DATABASE_URL selects PostgreSQL.

  help                          Show this message.
`;

/** A wrong command line: printed with the usage on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A failure the user can act on (missing file, bad JSON): printed without a stack trace, exit code 1. */
export class CommandError extends Error {
  override readonly name = "CommandError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs in strict mode, with its errors turned into UsageError. */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A whole number option within bounds, or a UsageError naming the flag. */
export function intOption(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** The single FILE positional of a command. */
export function onePositional(positionals: string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`overture ${command} needs a FILE`);
  if (positionals.length > 1)
    throw new UsageError(`overture ${command} takes one FILE, got ${positionals.length}: ${positionals.join(" ")}`);
  return positionals[0]!;
}
