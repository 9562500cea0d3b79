import type { VersionRecord } from "../api/api-client.ts";
import { routeHref } from "../route.ts";

/** Switches between the draft and each published version (read-only) by the page's address. */
export function VersionMenu({ journeyId, versions, current }: { journeyId: string; versions: VersionRecord[]; current?: number }) {
  if (versions.length === 0 && current === undefined) return null;
  return (
    <select
      aria-label="Version"
      className="version-menu"
      value={current ?? "draft"}
      onChange={(e) => {
        const v = e.target.value;
        location.hash = routeHref(v === "draft" ? { page: "journey", journeyId } : { page: "journey", journeyId, version: Number(v) });
      }}
    >
      <option value="draft">Draft (editing)</option>
      {[...versions].reverse().map((v) => (
        <option key={v.version} value={v.version}>
          Version {v.version}, {new Date(v.publishedAt).toLocaleDateString(undefined, { month: "short", day: "numeric" })}
        </option>
      ))}
    </select>
  );
}
