import type { StepOf, Wait } from "@overture/core";
import { DurationField } from "./DurationField.tsx";
import { Section, SelectField, TextField } from "./fields.tsx";

type Props = { step: StepOf<"wait">; set: (field: string, value: unknown) => void; readOnly: boolean };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "2030-01-01T09:00:00Z" → "2030-01-01T09:00" for a datetime-local box; null when the date has another offset. */
export function utcInputValue(date: string): string | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d)(:00(\.0+)?)?(Z|\+00:00)$/.exec(date);
  return match?.[1] ?? null;
}

/** Waits for a duration, until a date and time (UTC), or until a time of day on chosen weekdays. */
export function WaitFields({ step, set, readOnly: ro }: Props) {
  const w = step.wait;
  const setWait = (wait: Wait) => set("wait", wait);
  return (
    <Section title="Wait">
      <SelectField
        label="Wait"
        value={w.type}
        options={[
          ["duration", "For a duration"],
          ["until-date", "Until a date"],
          ["time-of-day", "Until a time of day"],
        ]}
        onChange={(v) =>
          setWait(
            v === "duration"
              ? { type: v, duration: "1d" }
              : v === "until-date"
                ? { type: v, date: "2030-01-01T09:00:00Z" }
                : { type: v, time: "09:00" },
          )
        }
        readOnly={ro}
      />
      {w.type === "duration" && (
        <DurationField
          label="Duration"
          value={w.duration}
          onChange={(v) => setWait({ ...w, duration: v ?? "" })}
          readOnly={ro}
        />
      )}
      {w.type === "until-date" &&
        (utcInputValue(w.date) !== null ? (
          <label className="field">
            <span>Date and time (UTC)</span>
            <input
              type="datetime-local"
              value={utcInputValue(w.date) ?? ""}
              readOnly={ro}
              onChange={(e) => e.target.value && setWait({ ...w, date: `${e.target.value.slice(0, 16)}:00Z` })}
            />
          </label>
        ) : (
          // A date written with another offset keeps it: the offset is what its author chose.
          <TextField
            label="Date (ISO, with its offset)"
            value={w.date}
            onChange={(v) => setWait({ ...w, date: v })}
            readOnly={ro}
          />
        ))}
      {w.type === "time-of-day" && (
        <>
          <label className="field">
            <span>Time, in the customer's time zone</span>
            <input
              type="time"
              value={w.time}
              readOnly={ro}
              onChange={(e) => e.target.value && setWait({ ...w, time: e.target.value.slice(0, 5) })}
            />
          </label>
          <fieldset className="weekdays" disabled={ro}>
            <legend>On (none ticked: every day)</legend>
            {WEEKDAYS.map((name, i) => {
              const day = i + 1;
              const days = w.days ?? [];
              return (
                <label key={name}>
                  <input
                    type="checkbox"
                    checked={days.includes(day)}
                    onChange={(e) => {
                      const next = e.target.checked
                        ? [...days, day].sort((a, b) => a - b)
                        : days.filter((d) => d !== day);
                      setWait({ ...w, days: next.length > 0 ? next : undefined });
                    }}
                  />
                  {name}
                </label>
              );
            })}
          </fieldset>
        </>
      )}
    </Section>
  );
}
