import { randomUUID } from "node:crypto";
import type { Store } from "@overture/runtime";
import { APPROVAL_MIGRATIONS } from "./approval-tables.ts";

/** Who asked or decided: a member or an API key (`actorOf` of the principal). */
export type ApprovalActor = { kind: "user" | "key"; id: string; name: string };

/** Where a request stands; `superseded` by a newer request for the journey, or by the draft changing since. */
export type ApprovalStatus = "pending" | "approved" | "rejected" | "superseded";

/** A review request as stored. */
export type ApprovalRequestRecord = {
  id: string;
  journeyId: string;
  journeyName: string;
  status: ApprovalStatus;
  note: string;
  /** The draft reviewed: what approval publishes. */
  snapshot: unknown;
  baseVersion: number | null;
  requestedBy: ApprovalActor;
  requestedAt: number;
  decidedBy: ApprovalActor | null;
  decidedAt: number | null;
  comment: string;
  publishedVersion: number | null;
};

/** What a new request records. */
export type NewApprovalRequest = Pick<
  ApprovalRequestRecord,
  "journeyId" | "journeyName" | "note" | "snapshot" | "baseVersion" | "requestedBy"
>;

/** The tables of approvals, on SQLite and PostgreSQL alike. The only code that names them in SQL. */
export type ApprovalStore = {
  isRequired(workspaceId: string): Promise<boolean>;
  setRequired(workspaceId: string, required: boolean): Promise<void>;
  /** Records a pending request and supersedes the journey's older pending ones, in one transaction. */
  create(workspaceId: string, request: NewApprovalRequest): Promise<ApprovalRequestRecord>;
  get(workspaceId: string, id: string): Promise<ApprovalRequestRecord | null>;
  /** Newest first. */
  list(workspaceId: string, filter: { status?: ApprovalStatus; journeyId?: string }): Promise<ApprovalRequestRecord[]>;
  /**
   * Moves a pending request to `status` with who decided and why; false when it was no longer pending (decided or
   * superseded meanwhile), so two deciders at once cannot both win.
   */
  decide(
    workspaceId: string,
    id: string,
    decision: { status: Exclude<ApprovalStatus, "pending">; by: ApprovalActor | null; comment: string },
  ): Promise<boolean>;
  /** Records the version an approval published. */
  setPublishedVersion(workspaceId: string, id: string, version: number): Promise<void>;
  /** Undoes a claimed approval whose publish failed, so the request can be decided again. */
  reopen(workspaceId: string, id: string): Promise<void>;
};

type Row = {
  id: string;
  journey_id: string;
  journey_name: string;
  status: ApprovalStatus;
  note: string;
  snapshot: string;
  base_version: number | null;
  requested_by: string;
  requested_at: number;
  decided_by: string | null;
  decided_at: number | null;
  comment: string;
  published_version: number | null;
};

const COLUMNS =
  "id, journey_id, journey_name, status, note, snapshot, base_version, requested_by, requested_at, decided_by, decided_at, comment, published_version";

function recordOf(row: Row): ApprovalRequestRecord {
  return {
    id: row.id,
    journeyId: row.journey_id,
    journeyName: row.journey_name,
    status: row.status,
    note: row.note,
    snapshot: JSON.parse(row.snapshot),
    baseVersion: row.base_version === null ? null : Number(row.base_version),
    requestedBy: JSON.parse(row.requested_by),
    requestedAt: Number(row.requested_at),
    decidedBy: row.decided_by ? JSON.parse(row.decided_by) : null,
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    comment: row.comment,
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
  };
}

let issued = 0;

/**
 * A request id that sorts as the requests were made, within one instant too (the list's tie-break): the time, a
 * counter of this process, then randomness so processes never collide.
 */
function requestId(at: number): string {
  issued = (issued + 1) % 1_679_616;
  return `${at.toString(36).padStart(9, "0")}${issued.toString(36).padStart(4, "0")}${randomUUID().slice(0, 8)}`;
}

/** The approvals' tables over the store's SQL runner, created on first use. */
export function approvalStore(store: Store, now: () => number): ApprovalStore {
  const sql = store.sql;
  let migrated: Promise<unknown> | undefined;
  const ready = () => {
    migrated ??= sql.migrate(APPROVAL_MIGRATIONS).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  };
  const get = async (workspaceId: string, id: string) => {
    await ready();
    const [row] = await sql.all<Row>(`SELECT ${COLUMNS} FROM approval_requests WHERE workspace_id = ? AND id = ?`, [
      workspaceId,
      id,
    ]);
    return row ? recordOf(row) : null;
  };
  return {
    async isRequired(workspaceId) {
      await ready();
      const [row] = await sql.all<{ required: number }>(
        "SELECT required FROM approval_settings WHERE workspace_id = ?",
        [workspaceId],
      );
      return Number(row?.required ?? 0) === 1;
    },
    async setRequired(workspaceId, required) {
      await ready();
      // One statement both dialects know: the first save inserts, later ones update.
      await sql.run(
        "INSERT INTO approval_settings (workspace_id, required, updated_at) VALUES (?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET required = excluded.required, updated_at = excluded.updated_at",
        [workspaceId, required ? 1 : 0, now()],
      );
    },
    async create(workspaceId, request) {
      await ready();
      const at = now();
      const id = requestId(at);
      await sql.transaction(async (tx) => {
        await tx.run(
          "UPDATE approval_requests SET status = 'superseded', decided_at = ? WHERE workspace_id = ? AND journey_id = ? AND status = 'pending'",
          [at, workspaceId, request.journeyId],
        );
        await tx.run(
          `INSERT INTO approval_requests (workspace_id, ${COLUMNS}) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, NULL, NULL, '', NULL)`,
          [
            workspaceId,
            id,
            request.journeyId,
            request.journeyName,
            request.note,
            JSON.stringify(request.snapshot),
            request.baseVersion,
            JSON.stringify(request.requestedBy),
            at,
          ],
        );
      });
      const created = await get(workspaceId, id);
      if (!created) throw new Error(`approval request ${id} vanished after it was written`);
      return created;
    },
    get,
    async list(workspaceId, filter) {
      await ready();
      const where = ["workspace_id = ?"];
      const params: unknown[] = [workspaceId];
      if (filter.status) {
        where.push("status = ?");
        params.push(filter.status);
      }
      if (filter.journeyId) {
        where.push("journey_id = ?");
        params.push(filter.journeyId);
      }
      const rows = await sql.all<Row>(
        `SELECT ${COLUMNS} FROM approval_requests WHERE ${where.join(" AND ")} ORDER BY requested_at DESC, id DESC LIMIT 500`,
        params,
      );
      return rows.map(recordOf);
    },
    async decide(workspaceId, id, decision) {
      await ready();
      const changed = await sql.run(
        "UPDATE approval_requests SET status = ?, decided_by = ?, decided_at = ?, comment = ? WHERE workspace_id = ? AND id = ? AND status = 'pending'",
        [decision.status, decision.by ? JSON.stringify(decision.by) : null, now(), decision.comment, workspaceId, id],
      );
      return changed === 1;
    },
    async setPublishedVersion(workspaceId, id, version) {
      await ready();
      await sql.run("UPDATE approval_requests SET published_version = ? WHERE workspace_id = ? AND id = ?", [
        version,
        workspaceId,
        id,
      ]);
    },
    async reopen(workspaceId, id) {
      await ready();
      await sql.run(
        "UPDATE approval_requests SET status = 'pending', decided_by = NULL, decided_at = NULL, comment = '' WHERE workspace_id = ? AND id = ? AND status = 'approved' AND published_version IS NULL",
        [workspaceId, id],
      );
    },
  };
}
