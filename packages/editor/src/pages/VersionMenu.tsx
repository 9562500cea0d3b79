import type { VersionRecord } from "../api/api-client.ts";
import { routeHref } from "../route.ts";

/** Switches between the draft and each published version (read-only) by the page's address. */
export function VersionMenu({
  journeyId,
  versions,
  current,
}: {
  journeyId: string;
  versions: VersionRecord[];
  current?: number;
}) {
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
        </option>
      ))}
    </select>
  );
}

/** When a version was published, in the reader's time zone: "Dec 4, 16:55" (the server dates it by the wall clock). */
export function publishedWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
