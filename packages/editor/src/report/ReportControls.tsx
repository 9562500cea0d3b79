import { useState } from "react";
import { dayOf, type Interval, type RangeChoice } from "./report-range.ts";

const LAST_DAYS = [7, 30, 90] as const;
const INTERVALS: { value: Interval; label: string }[] = [
  { value: "hour", label: "Hour" },
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
];

/** The date range (last 7, 30 or 90 days, or from–to) and the bucket size of a report. */
export function ReportControls({
  range,
  interval,
  onRange,
  onInterval,
  now,
  showInterval = true,
}: {
  range: RangeChoice;
  interval: Interval;
  onRange: (range: RangeChoice) => void;
  onInterval: (interval: Interval) => void;
  now: number;
  showInterval?: boolean;
}) {
  const [custom, setCustom] = useState(
    range.type === "custom" ? range : { from: dayOf(now - 6 * 86_400_000), to: dayOf(now) },
  );
  const setDay = (field: "from" | "to", value: string) => {
    const next = { ...custom, [field]: value };
    setCustom(next);
    onRange({ type: "custom", ...next });
  };
  return (
    <div className="toolbar report-controls">
      <fieldset className="segmented" aria-label="Date range">
        {LAST_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={range.type === "last" && range.days === days}
            onClick={() => onRange({ type: "last", days })}
          >
            Last {days} days
          </button>
        ))}
        <button
          type="button"
          aria-pressed={range.type === "custom"}
          onClick={() => onRange({ type: "custom", ...custom })}
        >
          Custom
        </button>
      </fieldset>
      {range.type === "custom" && (
        <>
          <label className="inline-field">
            From
            <input type="date" value={custom.from} max={custom.to} onChange={(e) => setDay("from", e.target.value)} />
          </label>
          <label className="inline-field">
            To
            <input type="date" value={custom.to} min={custom.from} onChange={(e) => setDay("to", e.target.value)} />
          </label>
        </>
      )}
      {showInterval && (
        <fieldset className="segmented" aria-label="Interval">
          {INTERVALS.map((i) => (
            <button key={i.value} type="button" aria-pressed={interval === i.value} onClick={() => onInterval(i.value)}>
              {i.label}
            </button>
          ))}
        </fieldset>
      )}
      <span className="muted report-utc">Days and hours in UTC</span>
    </div>
  );
}
