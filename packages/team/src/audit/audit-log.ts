import type { Store } from "@overture/runtime";
import { AUDIT_MIGRATIONS } from "./audit-migrations.ts";

/** Who did something: a member or a key (as `actorOf` names them), or the email a failed sign-in tried. */
export type AuditActor = { kind: "user" | "key"; id: string; name: string };

/** One change of a document (microdiff's shape). */
export type AuditDiff = {
  type: "CREATE" | "REMOVE" | "CHANGE";
  path: (string | number)[];
  value?: unknown;
  oldValue?: unknown;
};

/** What the recorder writes. */
export type AuditEntryInput = {
  workspaceId: string;
  at: number;
  actor: AuditActor;
  /** A stable kind, e.g. `journey.published`. */
  action: string;
  object: { type: string; id: string } | null;
  diff: AuditDiff[] | null;
  /** The request body with its secrets left out. */
  detail: Record<string, unknown> | null;
  outcome: "success" | "failure";
  status: number;
  operationId: string;
  ip: string;
  userAgent: string;
};

/** An entry as read back. */
export type AuditEntry = AuditEntryInput & { seq: number };

/** Filters of {@link AuditLog.list}; every one optional. */
export type AuditFilter = {
  /** An actor's id or name (a member's name or email, a key's name). */
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: number;
  to?: number;
  /** Entries older than this seq (the previous page's `nextCursor`). */
  cursor?: number;
  limit: number;
};

/** The default retention of audit entries, in days. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;

/** The audit log of every workspace: append, read newest first, retention per workspace. */
export type AuditLog = {
  record(entry: AuditEntryInput): Promise<void>;
  list(workspaceId: string, filter: AuditFilter): Promise<{ entries: AuditEntry[]; nextCursor: number | null }>;
  settings(workspaceId: string): Promise<{ retentionDays: number }>;
  putSettings(
    workspaceId: string,
    settings: { retentionDays: number },
    now: number,
  ): Promise<{ retentionDays: number }>;
  /** Deletes the entries older than their workspace's retention; returns how many. */
  prune(now: number): Promise<number>;
};

/** The audit log on the store's own database (its tables created on first use). */
export function createAuditLog(store: Store): AuditLog {
  let migrated: Promise<unknown> | undefined;
  const ready = async () => {
    migrated ??= store.sql.migrate(AUDIT_MIGRATIONS).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    await migrated;
  };
  const settings = async (workspaceId: string) => {
    await ready();
    const [row] = await store.sql.all<{ retention_days: unknown }>(
      "SELECT retention_days FROM audit_settings WHERE workspace_id = ?",
      [workspaceId],
    );
    return { retentionDays: row ? Number(row.retention_days) : DEFAULT_AUDIT_RETENTION_DAYS };
  };
  return {
    async record(e) {
      await ready();
      await store.sql.run(
        `INSERT INTO audit_log (workspace_id, at, actor_kind, actor_id, actor_name, action, object_type, object_id, diff,
           detail, outcome, status, operation_id, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          e.workspaceId,
          e.at,
          e.actor.kind,
          e.actor.id,
          e.actor.name,
          e.action,
          e.object?.type ?? null,
          e.object?.id ?? null,
          e.diff ? JSON.stringify(e.diff) : null,
          e.detail ? JSON.stringify(e.detail) : null,
          e.outcome,
          e.status,
          e.operationId,
          e.ip,
          e.userAgent,
        ],
      );
    },
    async list(workspaceId, filter) {
      await ready();
      const where = ["workspace_id = ?"];
      const params: unknown[] = [workspaceId];
      if (filter.actor) {
        where.push("(actor_id = ? OR actor_name = ?)");
        params.push(filter.actor, filter.actor);
      }
      const exact: Array<[string, string | undefined]> = [
        ["action", filter.action],
        ["object_type", filter.objectType],
        ["object_id", filter.objectId],
      ];
      for (const [column, value] of exact)
        if (value) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      const ranges: Array<[string, number | undefined]> = [
        ["at >= ?", filter.from],
        ["at <= ?", filter.to],
        ["seq < ?", filter.cursor],
      ];
      for (const [clause, value] of ranges)
        if (value !== undefined) {
          where.push(clause);
          params.push(value);
        }
      const rows = await store.sql.all(
        `SELECT * FROM audit_log WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`,
        [...params, filter.limit + 1],
      );
      const entries = rows.slice(0, filter.limit).map(entryOf);
      const last = entries.at(-1);
      return { entries, nextCursor: rows.length > filter.limit && last ? last.seq : null };
    },
    settings,
    async putSettings(workspaceId, next, now) {
      await ready();
      await store.sql.run(
        `INSERT INTO audit_settings (workspace_id, retention_days, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET retention_days = excluded.retention_days, updated_at = excluded.updated_at`,
        [workspaceId, next.retentionDays, now],
      );
      return settings(workspaceId);
    },
    async prune(now) {
      await ready();
      const custom = await store.sql.all<{ workspace_id: string; retention_days: unknown }>(
        "SELECT workspace_id, retention_days FROM audit_settings",
      );
      let deleted = 0;
      for (const row of custom)
        deleted += await store.sql.run("DELETE FROM audit_log WHERE workspace_id = ? AND at < ?", [
          row.workspace_id,
          now - Number(row.retention_days) * DAY_MS,
        ]);
      deleted += await store.sql.run(
        "DELETE FROM audit_log WHERE at < ? AND workspace_id NOT IN (SELECT workspace_id FROM audit_settings)",
        [now - DEFAULT_AUDIT_RETENTION_DAYS * DAY_MS],
      );
      return deleted;
    },
  };
}

function parsed<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

function entryOf(row: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(row.seq),
    workspaceId: row.workspace_id as string,
    at: Number(row.at),
    actor: { kind: row.actor_kind as AuditActor["kind"], id: row.actor_id as string, name: row.actor_name as string },
    action: row.action as string,
    object:
      row.object_type === null || row.object_type === undefined
        ? null
        : { type: row.object_type as string, id: (row.object_id as string | null) ?? "" },
    diff: parsed<AuditDiff[]>(row.diff),
    detail: parsed<Record<string, unknown>>(row.detail),
    outcome: row.outcome as AuditEntry["outcome"],
    status: Number(row.status),
    operationId: row.operation_id as string,
    ip: row.ip as string,
    userAgent: row.user_agent as string,
  };
}
