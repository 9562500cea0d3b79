import { useEffect, useState } from "react";
import type { VersionRecord } from "../api/api-client.ts";
import { approvalApi } from "../api/approval-api.ts";
import { routeHref } from "../route.ts";

/**
 * Switches between the draft and each published version (read-only) by the page's address; a version published by
 * an approval names who approved it (issue 13).
 */
export function VersionMenu({
  journeyId,
  versions,
  current,
}: {
  journeyId: string;
  versions: VersionRecord[];
  current?: number;
}) {
  const approvers = useApprovers(journeyId, versions.length);
  if (versions.length === 0 && current === undefined) return null;
  return (
    <select
      aria-label="Version"
      className="version-menu"
      value={current ?? "draft"}
      onChange={(e) => {
        const v = e.target.value;
        location.hash = routeHref(
          v === "draft" ? { page: "journey", journeyId } : { page: "journey", journeyId, version: Number(v) },
        );
      }}
    >
      <option value="draft">Draft (editing)</option>
      {[...versions].reverse().map((v) => (
        <option key={v.version} value={v.version}>
          Version {v.version}, {publishedWhen(v.publishedAt)}
          {approvers.has(v.version) ? `, approved by ${approvers.get(v.version)}` : ""}
        </option>
      ))}
    </select>
  );
}

/** Who approved each version the approvals published: version → name (empty without approvals). */
function useApprovers(journeyId: string, versionCount: number): Map<number, string> {
  const [approvers, setApprovers] = useState(new Map<number, string>());
  useEffect(() => {
    if (versionCount === 0) return;
    approvalApi
      .list({ journeyId, status: "approved" })
      .then((requests) =>
        setApprovers(
          new Map(requests.flatMap((r) => (r.publishedVersion ? [[r.publishedVersion, r.decidedBy?.name ?? ""]] : []))),
        ),
      )
      // Without approvals (a key that may not read them, an older server) the menu shows versions as before.
      .catch(() => {});
  }, [journeyId, versionCount]);
  return approvers;
}

/** When a version was published, in the reader's time zone: "Dec 4, 16:55" (the server dates it by the wall clock). */
export function publishedWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
