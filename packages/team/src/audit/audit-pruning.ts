import type { AuditLog } from "./audit-log.ts";

/** How often `serve` prunes the audit log: hourly. */
export const AUDIT_PRUNE_EVERY_MS = 3_600_000;

/**
 * Prunes the audit log now and then every hour, on a timer that never keeps the process alive; returns the function
 * that stops it. An error is told to `onError` and the next round tries again.
 */
export function startAuditPruning(
  audit: AuditLog,
  now: () => number,
  onError: (error: unknown) => void,
  everyMs = AUDIT_PRUNE_EVERY_MS,
): () => void {
  const prune = () => {
    audit.prune(now()).catch(onError);
  };
  prune();
  const timer = setInterval(prune, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
