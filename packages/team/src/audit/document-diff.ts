import diff from "microdiff";
import type { AuditDiff } from "./audit-log.ts";

/** The changes from one version of a document to the next (microdiff), for the audit log; null when none. */
export function documentDiff(before: unknown, after: unknown): AuditDiff[] | null {
  const a = asObject(before);
  const b = asObject(after);
  const changes = diff(a, b) as AuditDiff[];
  return changes.length > 0 ? changes : null;
}

// microdiff compares objects and arrays; a missing document (created, deleted) is compared as an empty one.
function asObject(value: unknown): Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return value;
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}
