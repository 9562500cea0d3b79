import type { StepOf } from "@overture/core";
import { describeDuration } from "@overture/core";
import { useState } from "react";
import type { Catalog } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { slotOptions } from "./catalog-options.ts";
import { Section, SelectField } from "./fields.tsx";

type Props = {
  step: StepOf<"personalize">;
  set: (field: string, value: unknown) => void;
  catalog: Catalog;
  readOnly: boolean;
};

/** The usual lengths, in the words the step summary uses; "" keeps the content until something changes it. */
const DURATIONS: readonly (readonly [string, string])[] = [
  ["", "for good (until changed)"],
  ...["1d", "3d", "7d", "14d", "30d"].map((d) => [d, describeDuration(d)] as const),
];

/** The slot, the content it shows (searched in the library) and for how long, with the slot as the customer sees it. */
export function PersonalizeFields({ step, set, catalog, readOnly: ro }: Props) {
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const items = catalog.content.filter(
    (c) => !needle || [c.id, c.title, c.summary, ...c.topics].some((t) => t.toLowerCase().includes(needle)),
  );
  const chosen = catalog.content.find((c) => c.id === step.contentId) ?? null;
  const duration = step.for ?? "";
  const durations: (readonly [string, string])[] = DURATIONS.some(([d]) => d === duration)
    ? [...DURATIONS]
    : [...DURATIONS, [duration, describeDuration(duration)]];
  return (
    <Section title="Personalize">
      <Combobox
        label="Slot"
        value={step.slot}
        options={slotOptions(catalog)}
        onChange={(v) => set("slot", v)}
        readOnly={ro}
        unseenText="no such slot yet"
      />
      <div className="field">
        <span>Content to show</span>
        <input
          type="search"
          aria-label="Search the content library"
          placeholder="Search the library…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <ul className="content-list" aria-label="Content library">
          <li className={step.contentId === null ? "content-item chosen" : "content-item"}>
            <button
              type="button"
              aria-pressed={step.contentId === null}
              disabled={ro}
              onClick={() => set("contentId", null)}
            >
              <strong>Nothing: clear the slot</strong>
              <span className="muted">The slot shows its default again.</span>
            </button>
          </li>
          {items.map((c) => (
            <li key={c.id} className={c.id === step.contentId ? "content-item chosen" : "content-item"}>
              <button
                type="button"
                aria-pressed={c.id === step.contentId}
                disabled={ro}
                onClick={() => set("contentId", c.id)}
              >
                <strong>{c.title}</strong>
                <span className="muted">
                  {c.type} · {c.topics.join(", ") || "no topic"} · <span className="content-id">{c.id}</span>
                </span>
              </button>
            </li>
          ))}
          {items.length === 0 && <li className="muted">Nothing in the library matches “{search}”.</li>}
        </ul>
        {step.contentId !== null && !chosen && (
          <span className="unseen-flag">'{step.contentId}' is not in the library</span>
        )}
      </div>
      <SelectField
        label="For how long"
        value={duration}
        options={durations}
        onChange={(v) => set("for", v || undefined)}
        readOnly={ro}
      />
      <SlotPreview
        slot={step.slot}
        content={chosen}
        cleared={step.contentId === null}
        catalog={catalog}
        duration={duration}
      />
    </Section>
  );
}

/** The slot drawn as the demo portal draws a hero: the chosen item, or the slot's default when cleared. */
function SlotPreview(props: {
  slot: string;
  content: Catalog["content"][number] | null;
  cleared: boolean;
  catalog: Catalog;
  duration: string;
}) {
  const slot = props.catalog.slots.find((s) => s.name === props.slot);
  const fallback = props.catalog.content.find((c) => c.id === slot?.defaultContentId) ?? null;
  const shown = props.cleared ? fallback : props.content;
  return (
    <section className="step-preview" aria-label="Slot preview">
      <div className="panel-subtitle">
        {props.slot || "The slot"} as the customer sees it
        {props.duration && !props.cleared ? `, for ${describeDuration(props.duration)}` : ""}
      </div>
      <div className={props.cleared ? "slot-preview default" : "slot-preview personal"} data-testid="slot-preview">
        <span className="slot-eyebrow">{props.cleared ? "Default" : "Picked for this customer"}</span>
        <strong>{shown?.title ?? "Nothing to show"}</strong>
        {shown?.summary && <p>{shown.summary}</p>}
      </div>
    </section>
  );
}
