import "../workspace.css";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { type AuditEntry, type AuditFilters, teamApi } from "../../api/team-api.ts";
import { WorkspacePageFrame } from "../../pages/WorkspaceNav.tsx";
import { AuditFilterBar } from "./AuditFilterBar.tsx";
import { AuditTable } from "./AuditTable.tsx";

/** The audit log: who changed what, when and from where, filtered and paged (newest first); a row shows its diff. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(async (applied: AuditFilters, cursor?: number) => {
    setMessage(null);
    try {
      const page = await teamApi.audit(applied, cursor);
      setEntries((shown) => (cursor === undefined ? page.entries : [...shown, ...page.entries]));
      setNext(page.nextCursor);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => void load(filters), [load, filters]);
  return (
    <WorkspacePageFrame current="audit">
      <h1>Audit log</h1>
      <AuditFilterBar onApply={setFilters} />
      {message && <p className="error-text">{message}</p>}
      <AuditTable entries={entries} />
      {next !== null && (
        <button type="button" onClick={() => void load(filters, next)}>
          Older entries
        </button>
      )}
    </WorkspacePageFrame>
  );
}
