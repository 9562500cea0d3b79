import type { StepOf } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { eventOptions } from "./catalog-options.ts";
import { DurationField } from "./DurationField.tsx";
import { Section } from "./fields.tsx";
import { WhereRows } from "./WhereRows.tsx";

type Props = {
  step: StepOf<"wait-for-event">;
  set: (field: string, value: unknown) => void;
  catalog: Catalog;
  readOnly: boolean;
};

/** Waits until one of several events (each picked from those seen, with optional property tests), at most a duration. */
export function WaitForEventFields({ step, set, catalog, readOnly }: Props) {
  const events = step.events;
  const setEvent = (i: number, patch: Partial<(typeof events)[number]>) =>
    set(
      "events",
      events.map((e, j) => (j === i ? { ...e, ...patch } : e)),
    );
  return (
    <Section title="Wait for event">
      {events.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; a row's place is its identity while editing
        <div className="arm" key={i}>
          <Combobox
            label={i === 0 ? "Until the customer does" : "or does"}
            value={e.event}
            options={eventOptions(catalog)}
            onChange={(v) => setEvent(i, { event: v })}
            readOnly={readOnly}
            testId={`wait-event-${i}`}
          />
          <WhereRows
            event={e.event}
            where={e.where}
            onChange={(where) => setEvent(i, { where })}
            catalog={catalog}
            readOnly={readOnly}
          />
          {!readOnly && events.length > 1 && (
            <button
              type="button"
              className="link"
              onClick={() =>
                set(
                  "events",
                  events.filter((_, j) => j !== i),
                )
              }
            >
              Remove event
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button type="button" onClick={() => set("events", [...events, { event: catalog.events[0]?.name ?? "" }])}>
          + Another event
        </button>
      )}
      <DurationField
        label="At most"
        value={step.timeout}
        onChange={(v) => set("timeout", v ?? "")}
        readOnly={readOnly}
      />
    </Section>
  );
}
