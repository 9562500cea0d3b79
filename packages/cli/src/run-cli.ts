import { CommandError, USAGE, UsageError } from "./usage.ts";

// Loaded on demand, so `validate` starts without loading the runtime and the server.
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  validate: async (args) => (await import("./commands/validate.ts")).validateCommand(args),
  simulate: async (args) => (await import("./commands/simulate.ts")).simulateCommand(args),
  serve: async (args) => (await import("./commands/serve.ts")).serveCommand(args),
  worker: async (args) => (await import("./commands/worker.ts")).workerCommand(args),
  outbox: async (args) => (await import("./commands/outbox.ts")).outboxCommand(args),
  "rotate-identity-secret": async (args) =>
    (await import("./commands/rotate-identity-secret.ts")).rotateIdentitySecretCommand(args),
  users: async (args) => (await import("./commands/users.ts")).usersCommand(args),
};

/**
 * Runs one `overture` command line and returns the exit code; never throws. 0: success; 1: the input is wrong or
 * the command failed (an invalid journey, a missing file); 2: the command line is wrong (usage on stderr).
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const run = command === undefined ? undefined : COMMANDS[command];
    if (!run) throw new UsageError(command === undefined ? "no command given" : `unknown command "${command}"`);
    if (args.includes("--help") || args.includes("-h")) {
      process.stdout.write(USAGE);
      return 0;
    }
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`overture: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof CommandError) {
      process.stderr.write(`overture: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `overture: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
