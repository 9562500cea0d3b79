import { InputError, type Problem, type SqlMigration, type Store } from "@overture/runtime";
import { num } from "../content/rows.ts";

/** Who a workspace's emails say they are from: a name and address, where replies go, and whether it is the default. */
export type SenderIdentity = {
  id: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  isDefault: boolean;
  updatedAt: number;
};

/** What a save gives: the identity without its id and time. */
export type SenderIdentityInput = {
  fromName: string;
  fromAddress: string;
  replyTo?: string | null | undefined;
  isDefault?: boolean | undefined;
};

/** The sender identities' table, numbered for `store.sql.migrate`. */
export const SENDER_MIGRATIONS: SqlMigration[] = [
  {
    id: "senders_0001_identities",
    sqlite: `CREATE TABLE sender_identities (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, from_name TEXT NOT NULL, from_address TEXT NOT NULL, reply_to TEXT,
  is_default INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, id))`,
    postgres: `CREATE TABLE sender_identities (
  workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, from_name text NOT NULL, from_address text NOT NULL, reply_to text,
  is_default integer NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (workspace_id, id))`,
  },
];

const ensured = new WeakMap<Store, Promise<unknown>>();

/** Creates the table when missing, once per store and process. */
export async function ensureSenderSchema(store: Store): Promise<void> {
  let done = ensured.get(store);
  if (!done) {
    done = store.sql.migrate(SENDER_MIGRATIONS);
    ensured.set(store, done);
    done.catch(() => ensured.delete(store));
  }
  await done;
}

/** Sender ids: letters, digits, `.`, `_`, `-`, at most 100 (`marketing`, `billing.team`). */
export const SENDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A plain mailbox address: something@host.tld, no display name, no spaces. */
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Every problem of an identity at once, each at its field (`fromName`, `fromAddress`, `replyTo`). */
export function validateSenderIdentity(input: SenderIdentityInput): Problem[] {
  const problems: Problem[] = [];
  if (!input.fromName.trim())
    problems.push({ path: "fromName", code: "required", message: "say who the email is from, e.g. Acme Team" });
  else if (/["<>\r\n]/.test(input.fromName))
    problems.push({ path: "fromName", code: "invalid_format", message: "no quotes, angle brackets or line breaks" });
  if (!ADDRESS.test(input.fromAddress))
    problems.push({ path: "fromAddress", code: "invalid_format", message: "an email address, e.g. hello@acme.com" });
  if (input.replyTo && !ADDRESS.test(input.replyTo))
    problems.push({ path: "replyTo", code: "invalid_format", message: "an email address, e.g. support@acme.com" });
  return problems;
}

function fromRow(r: Record<string, unknown>): SenderIdentity {
  return {
    id: r.id as string,
    fromName: r.from_name as string,
    fromAddress: r.from_address as string,
    replyTo: (r.reply_to as string | null) ?? null,
    isDefault: num(r.is_default) === 1,
    updatedAt: num(r.updated_at),
  };
}

/** The workspace's sender identities, the default first, then by id. */
export async function listSenderIdentities(store: Store, workspaceId: string): Promise<SenderIdentity[]> {
  await ensureSenderSchema(store);
  const rows = await store.sql.all(
    "SELECT * FROM sender_identities WHERE workspace_id = ? ORDER BY is_default DESC, id",
    [workspaceId],
  );
  return rows.map(fromRow);
}

/**
 * How long a default identity read stays in this process: every email reads it, and a change made by another
 * process (another API server, a worker) shows within this time. This process's own writes show at once.
 */
export const SENDER_CACHE_MS = 1_500;

type CachedDefault = { readAt: number; identity: Promise<SenderIdentity | null> };
const defaults = new WeakMap<Store, Map<string, CachedDefault>>();

/**
 * The identity emails go out as when a step names none, or null when the workspace has none. Read once per
 * workspace and SENDER_CACHE_MS (`now` is a monotonic time in ms; tests pass theirs), and again after any write of
 * this process.
 */
export async function defaultSenderIdentity(
  store: Store,
  workspaceId: string,
  now: number = performance.now(),
): Promise<SenderIdentity | null> {
  let cache = defaults.get(store);
  if (!cache) {
    cache = new Map();
    defaults.set(store, cache);
  }
  const cached = cache.get(workspaceId);
  if (cached && now - cached.readAt < SENDER_CACHE_MS && now >= cached.readAt) return cached.identity;
  const entry: CachedDefault = {
    readAt: now,
    identity: listSenderIdentities(store, workspaceId).then((all) => all.find((s) => s.isDefault) ?? null),
  };
  cache.set(workspaceId, entry);
  // A failed read is not kept: the next email reads again.
  entry.identity.catch(() => {
    if (cache.get(workspaceId) === entry) cache.delete(workspaceId);
  });
  return entry.identity;
}

/** Forgets a workspace's cached default identity once a write of this process is done (also when it failed). */
async function thenForget<T>(store: Store, workspaceId: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    defaults.get(store)?.delete(workspaceId);
  }
}

/**
 * Creates or replaces an identity; InputError `invalid_input` lists every problem at its field. The first identity
 * of a workspace is its default; making another the default takes it from the previous one.
 */
export function putSenderIdentity(
  store: Store,
  workspaceId: string,
  id: string,
  input: SenderIdentityInput,
  now: number,
): Promise<SenderIdentity> {
  return thenForget(store, workspaceId, putIdentity(store, workspaceId, id, input, now));
}

async function putIdentity(
  store: Store,
  workspaceId: string,
  id: string,
  input: SenderIdentityInput,
  now: number,
): Promise<SenderIdentity> {
  const problems = validateSenderIdentity(input);
  if (!SENDER_ID.test(id))
    problems.unshift({ path: "id", code: "invalid_format", message: "letters, digits, '.', '_' and '-', at most 100" });
  if (problems.length > 0)
    throw new InputError("invalid_input", `The sender identity has ${problems.length} problem(s).`, problems);
  const others = (await listSenderIdentities(store, workspaceId)).filter((s) => s.id !== id);
  const isDefault = input.isDefault === true || !others.some((s) => s.isDefault);
  const identity = {
    id,
    fromName: input.fromName.trim(),
    fromAddress: input.fromAddress,
    replyTo: input.replyTo || null,
    isDefault,
    updatedAt: now,
  };
  if (isDefault)
    await store.sql.run("UPDATE sender_identities SET is_default = 0 WHERE workspace_id = ? AND id <> ?", [
      workspaceId,
      id,
    ]);
  await store.sql.run(
    `INSERT INTO sender_identities (workspace_id, id, from_name, from_address, reply_to, is_default, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, id) DO UPDATE SET from_name = excluded.from_name, from_address = excluded.from_address,
       reply_to = excluded.reply_to, is_default = excluded.is_default, updated_at = excluded.updated_at`,
    [workspaceId, id, identity.fromName, identity.fromAddress, identity.replyTo, isDefault ? 1 : 0, now],
  );
  return identity;
}

/** Deletes an identity; InputError `not_found` when there is none. The default goes to the next identity, if any. */
export function deleteSenderIdentity(store: Store, workspaceId: string, id: string): Promise<void> {
  return thenForget(store, workspaceId, deleteIdentity(store, workspaceId, id));
}

async function deleteIdentity(store: Store, workspaceId: string, id: string): Promise<void> {
  await ensureSenderSchema(store);
  const deleted = await store.sql.run("DELETE FROM sender_identities WHERE workspace_id = ? AND id = ?", [
    workspaceId,
    id,
  ]);
  if (deleted === 0)
    throw new InputError("not_found", `No sender identity '${id}'`, [{ path: "id", code: "not_found", message: id }]);
  const rest = await listSenderIdentities(store, workspaceId);
  const next = rest[0];
  if (next && !rest.some((s) => s.isDefault))
    await store.sql.run("UPDATE sender_identities SET is_default = 1 WHERE workspace_id = ? AND id = ?", [
      workspaceId,
      next.id,
    ]);
}

/** The From header of an identity: `"Acme Team" <hello@acme.com>`. */
export function fromHeader(identity: Pick<SenderIdentity, "fromName" | "fromAddress">): string {
  return `"${identity.fromName}" <${identity.fromAddress}>`;
}
