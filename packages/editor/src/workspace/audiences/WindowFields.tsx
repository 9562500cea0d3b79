import type { CountTest, SegmentWindow } from "@overture/core";
import type { Catalog } from "../../api/api-client.ts";
import { Combobox } from "../../panel/Combobox.tsx";
import { eventOptions } from "../../panel/catalog-options.ts";
import { DurationField } from "../../panel/DurationField.tsx";
import { COUNT_WORDS, dateInputValue, isoFromDateInput } from "./rule-edit.ts";

const WINDOW_WORDS = [
  ["ever", "ever"],
  ["within", "in the last…"],
  ["since", "since a date"],
  ["after-event", "within … after their last event"],
] as const;

/** A new window of a type, with a sensible start ("in the last 7 days"). */
function newWindow(type: SegmentWindow["type"], event: string): SegmentWindow | undefined {
  if (type === "within") return { type, duration: "7d" };
  if (type === "since") return { type, date: `${new Date().toISOString().slice(0, 10)}T00:00:00Z` };
  if (type === "after-event") return { type, event, within: "7d" };
  return undefined;
}

/** Over which stretch of time events count: ever, in the last…, since a date, within … after their last event. */
export function WindowFields({
  window,
  onChange,
  catalog,
  readOnly,
}: {
  window: SegmentWindow | undefined;
  onChange: (window: SegmentWindow | undefined) => void;
  catalog: Catalog;
  readOnly: boolean;
}) {
  const type = window?.type ?? "ever";
  return (
    <div className="inline-fields window-fields">
      <label className="field">
        <span>When</span>
        <select
          aria-label="When"
          value={type}
          disabled={readOnly}
          onChange={(e) =>
            onChange(
              newWindow(e.target.value as SegmentWindow["type"], catalog.events[0]?.name ?? "purchase.completed"),
            )
          }
        >
          {WINDOW_WORDS.map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
      </label>
      {window?.type === "within" && (
        <DurationField
          label="In the last"
          value={window.duration}
          onChange={(v) => onChange({ ...window, duration: v ?? "7d" })}
          readOnly={readOnly}
        />
      )}
      {window?.type === "since" && (
        <label className="field">
          <span>Since</span>
          <input
            type="date"
            aria-label="Since"
            value={dateInputValue(window.date)}
            readOnly={readOnly}
            onChange={(e) => {
              const date = isoFromDateInput(e.target.value);
              if (date) onChange({ ...window, date });
            }}
          />
        </label>
      )}
      {window?.type === "after-event" && (
        <>
          <DurationField
            label="Within"
            value={window.within}
            onChange={(v) => onChange({ ...window, within: v ?? "7d" })}
            readOnly={readOnly}
          />
          <Combobox
            label="After their last"
            value={window.event}
            options={eventOptions(catalog)}
            onChange={(event) => onChange({ ...window, event })}
            readOnly={readOnly}
          />
        </>
      )}
    </div>
  );
}

/** How many times: at least / at most / exactly N. */
export function CountFields({
  count,
  onChange,
  readOnly,
}: {
  count: CountTest | undefined;
  onChange: (count: CountTest) => void;
  readOnly: boolean;
}) {
  const test = count ?? { op: "gte" as const, value: 1 };
  return (
    <div className="inline-fields">
      <select
        aria-label="How often"
        value={test.op}
        disabled={readOnly}
        onChange={(e) => onChange({ ...test, op: e.target.value as CountTest["op"] })}
      >
        {COUNT_WORDS.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
      <input
        aria-label="Times"
        type="number"
        min={0}
        value={test.value}
        readOnly={readOnly}
        onChange={(e) => onChange({ ...test, value: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
      />
      <span>times</span>
    </div>
  );
}
