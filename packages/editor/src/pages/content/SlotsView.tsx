import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { type ContentItem, type ContentUsage, libraryApi, type Slot } from "../../api/library-api.ts";
import { Field } from "./Field.tsx";
import { UsageList, usageSummary } from "./UsageList.tsx";

const SLOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The slots: their default content by title, where journeys set them, and a form to add or change one. */
export function SlotsView(props: {
  slots: Slot[];
  items: ContentItem[];
  usage: ContentUsage;
  open: Slot | "new" | null;
  setOpen: (slot: Slot | "new" | null) => void;
  onSaved: () => void;
}) {
  const { open, setOpen } = props;
  const title = (id: string | null) => (id === null ? null : (props.items.find((i) => i.id === id)?.title ?? id));
  return (
    <div className="split-view">
      <div>
        <div className="toolbar">
          <span className="muted">
            Named places in your portal or site; a journey's personalize step changes what one shows a customer.
          </span>
        </div>
        {props.slots.length === 0 ? (
          <p className="empty-state">No slots yet.</p>
        ) : (
          <table className="journey-table" aria-label="Slots">
            <thead>
              <tr>
                <th>Slot</th>
                <th>Shows by default</th>
                <th>Set by</th>
              </tr>
            </thead>
            <tbody>
              {props.slots.map((slot) => (
                <tr key={slot.name} className={open !== "new" && open?.name === slot.name ? "selected" : undefined}>
                  <td>
                    <button type="button" className="link journey-link mono" onClick={() => setOpen(slot)}>
                      {slot.name}
                    </button>
                    <div className="row-sub">{slot.description}</div>
                  </td>
                  <td>{title(slot.defaultContentId) ?? <span className="muted">Nothing</span>}</td>
                  <td>{usageSummary(props.usage.slots[slot.name] ?? [])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {open && (
        <SlotForm
          key={open === "new" ? "new" : open.name}
          slot={open === "new" ? null : open}
          items={props.items}
          usage={props.usage}
          onClose={() => setOpen(null)}
          onSaved={(saved) => {
            setOpen(saved);
            props.onSaved();
          }}
        />
      )}
    </div>
  );
}

function SlotForm(props: {
  slot: Slot | null;
  items: ContentItem[];
  usage: ContentUsage;
  onClose: () => void;
  onSaved: (slot: Slot) => void;
}) {
  const [name, setName] = useState(props.slot?.name ?? "");
  const [description, setDescription] = useState(props.slot?.description ?? "");
  const [defaultId, setDefaultId] = useState(props.slot?.defaultContentId ?? "");
  const [errors, setErrors] = useState<{ name?: string; defaultContentId?: string }>({});
  const save = async () => {
    if (!SLOT_NAME.test(name))
      return setErrors({
        name: name ? "Use letters, digits, '-', '_' or '.', e.g. dashboard.hero (no spaces)." : "Give the slot a name.",
      });
    try {
      props.onSaved(
        await libraryApi.putSlot(name, { defaultContentId: defaultId || null, description: description.trim() }),
      );
    } catch (e) {
      const problem = e instanceof ApiError ? e.problems[0] : undefined;
      setErrors(
        problem?.path === "defaultContentId"
          ? { defaultContentId: (e as Error).message }
          : { name: (e as Error).message },
      );
    }
  };
  const sorted = [...props.items].sort((a, b) => a.title.localeCompare(b.title));
  return (
    <form
      className="side-card"
      aria-label={props.slot ? `Edit slot ${props.slot.name}` : "New slot"}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2>{props.slot ? props.slot.name : "New slot"}</h2>
      {!props.slot && (
        <Field label="Name" error={errors.name} hint="As your portal asks for it, e.g. dashboard.hero">
          {(attrs) => (
            <input
              {...attrs}
              className="mono"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setErrors({});
              }}
            />
          )}
        </Field>
      )}
      <Field label="Description">
        {(attrs) => <input {...attrs} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field
        label="Default content"
        error={errors.defaultContentId}
        hint="What it shows a customer no journey has given something else."
      >
        {(attrs) => (
          <select {...attrs} value={defaultId} onChange={(e) => setDefaultId(e.target.value)}>
            <option value="">Nothing</option>
            {sorted.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        <button type="submit" className="primary">
          {props.slot ? "Save slot" : "Add slot"}
        </button>
      </div>
      {props.slot && (
        <section className="usage">
          <h3>Where it is used</h3>
          <UsageList uses={props.usage.slots[props.slot.name] ?? []} what="slot" />
        </section>
      )}
    </form>
  );
}
