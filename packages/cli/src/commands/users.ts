import { randomBytes } from "node:crypto";
import { ROLES, type Role } from "@overture/api-contract";
import { InputError, openOverture, systemClock } from "@overture/runtime";
import { createMembers } from "@overture/team";
import { maskUrl } from "../mask-url.ts";
import { CommandError, parseCommandArgs, UsageError } from "../usage.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads stdin to its end: the password of `--password-stdin`, without its final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/**
 * `overture users create --email E --role R [--name N] [--workspace W] [--password-stdin] [--data DIR]`: creates a
 * user with a role in a workspace (the default one unless told), for scripted installs and a lost first owner.
 * Without --password-stdin a strong password is generated and printed once. DATABASE_URL selects PostgreSQL.
 */
export async function usersCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "create") throw new UsageError(`overture users takes "create", got ${sub ? `"${sub}"` : "nothing"}`);
  const { values, positionals } = parseCommandArgs(rest, {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    workspace: { type: "string" },
    "password-stdin": { type: "boolean" },
    data: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`overture users create takes no FILE, got: ${positionals.join(" ")}`);
  const email = values.email?.trim() ?? "";
  if (!EMAIL.test(email)) throw new CommandError(`--email needs an email address, got "${values.email ?? ""}"`);
  const role = values.role as Role;
  if (!ROLES.includes(role))
    throw new CommandError(`--role must be one of ${ROLES.join(", ")}; got "${values.role ?? ""}"`);
  const password = values["password-stdin"] ? await readStdin() : randomBytes(18).toString("base64url");
  const dataDir = values.data ?? process.env.OVERTURE_DATA_DIR ?? "data";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const overture = await openOverture({ dataDir, databaseUrl, clock: systemClock }).catch((error: unknown) => {
    const where = databaseUrl ? `PostgreSQL at ${maskUrl(databaseUrl)}` : `SQLite in ${dataDir}`;
    throw new CommandError(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const wanted = values.workspace ?? "default";
    const workspaceId = wanted === "default" ? (await overture.workspaces.ensureDefault()).workspaceId : wanted;
    const workspace = await overture.store.getWorkspace(workspaceId);
    if (!workspace) throw new CommandError(`no workspace "${wanted}"`);
    const members = createMembers(overture.store, systemClock);
    const user = await members
      .createUser({ email, password, ...(values.name ? { name: values.name } : {}) })
      .catch((error: unknown) => {
        throw error instanceof InputError ? new CommandError(error.message) : error;
      });
    await members.putMember(workspaceId, user.id, role);
    process.stdout.write(`Created ${user.email} (${user.name}), ${role} of workspace "${workspace.name}".\n`);
    if (!values["password-stdin"]) {
      process.stdout.write(`Password (shown once; sign in and keep it in your password manager): ${password}\n`);
    }
    return 0;
  } finally {
    await overture.close();
  }
}
