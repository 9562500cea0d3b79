import { useState } from "react";
import type { AuditFilters } from "../../api/team-api.ts";

/** The audit log's filters: who, what kind, which object (type and id) and a date range (whole days). */
export function AuditFilterBar({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const [actor, setActor] = useState("");
  const [kind, setKind] = useState("");
  const [objectType, setObjectType] = useState("");
  const [objectId, setObjectId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const apply = () => {
    const filters: AuditFilters = {};
    if (actor.trim()) filters.actor = actor.trim();
    if (kind.trim()) filters.kind = kind.trim();
    if (objectType.trim()) filters.objectType = objectType.trim();
    if (objectId.trim()) filters.objectId = objectId.trim();
    if (from) filters.from = new Date(`${from}T00:00:00`).toISOString();
    if (to) filters.to = new Date(`${to}T23:59:59.999`).toISOString();
    onApply(filters);
  };
  const text = (label: string, value: string, set: (v: string) => void, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={value} placeholder={placeholder} onChange={(e) => set(e.target.value)} />
    </label>
  );
  return (
    <form
      className="inline-fields audit-filters"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      {text("Who", actor, setActor, "name, email or id")}
      {text("Kind", kind, setKind, "journey.published")}
      {text("Object type", objectType, setObjectType, "journey")}
      {text("Object id", objectId, setObjectId, "")}
      <label className="field">
        <span>From</span>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}
