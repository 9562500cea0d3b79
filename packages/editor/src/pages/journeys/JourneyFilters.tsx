import type { JourneyRecord } from "../../api/api-client.ts";
import { countByStatus, JOURNEY_STATUSES, type JourneyFilter, NOBODY, tagsAndOwners } from "./journey-filter.ts";

/** The journeys list's search box, status buttons (with counts), and tag and owner menus. */
export function JourneyFilters({
  journeys,
  filter,
  onChange,
}: {
  journeys: JourneyRecord[];
  filter: JourneyFilter;
  onChange: (f: JourneyFilter) => void;
}) {
  const counts = countByStatus(journeys);
  const { tags, owners } = tagsAndOwners(journeys);
  return (
    <div className="toolbar">
      <input
        className="search"
        type="search"
        aria-label="Search journeys"
        placeholder="Search by name, tag or owner"
        value={filter.search}
        onChange={(e) => onChange({ ...filter, search: e.target.value })}
      />
      <fieldset className="segmented" aria-label="Status">
        {(["all", ...JOURNEY_STATUSES] as const).map((status) => (
          <button
            key={status}
            type="button"
            aria-pressed={filter.status === status}
            onClick={() => onChange({ ...filter, status })}
          >
            {status === "all" ? "All" : status[0]?.toUpperCase() + status.slice(1)}
            <span className="count">{counts[status]}</span>
          </button>
        ))}
      </fieldset>
      <select
        aria-label="Filter by tag"
        value={filter.tag}
        onChange={(e) => onChange({ ...filter, tag: e.target.value })}
      >
        <option value="">All tags</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by owner"
        value={filter.owner}
        onChange={(e) => onChange({ ...filter, owner: e.target.value })}
      >
        <option value="">Any owner</option>
        <option value={NOBODY}>Nobody</option>
        {owners.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
