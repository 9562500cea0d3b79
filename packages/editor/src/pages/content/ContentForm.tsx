import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { type ContentItem, type ContentUse, libraryApi } from "../../api/library-api.ts";
import {
  type ContentField,
  contentForm,
  contentInput,
  type FieldErrors,
  type ContentForm as Form,
  fieldOfProblem,
  idFromTitle,
  validateContentForm,
} from "./content-form.ts";
import { Field } from "./Field.tsx";
import { UsageList } from "./UsageList.tsx";

const TYPES = ["article", "guide", "video", "banner", "offer"];

/** Creates or edits one content item; problems show at their field, the API's too. */
export function ContentForm(props: {
  item: ContentItem | null;
  uses: ContentUse[];
  onSaved: (item: ContentItem) => void;
  onClose: () => void;
}) {
  const creating = props.item === null;
  const [form, setForm] = useState<Form>(() => contentForm(props.item ?? undefined));
  const [idTouched, setIdTouched] = useState(!creating);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: ContentField, value: string) => {
    const next = { ...form, [field]: value };
    if (field === "title" && !idTouched) next.id = idFromTitle(value);
    setForm(next);
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };
  const save = async () => {
    const found = validateContentForm(form);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const input = contentInput(form);
      props.onSaved(
        creating
          ? await libraryApi.createContent({ id: form.id, ...input })
          : await libraryApi.putContent(form.id, input),
      );
    } catch (e) {
      const byField: FieldErrors = {};
      if (e instanceof ApiError)
        for (const p of e.problems)
          byField[fieldOfProblem(p.path) ?? "title"] ??=
            e.code === "conflict" ? "An item has this id already." : p.message;
      setErrors(byField);
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const text = (field: ContentField, label: string, hint?: string) => (
    <Field label={label} error={errors[field]} hint={hint}>
      {(attrs) => <input {...attrs} value={form[field]} onChange={(e) => set(field, e.target.value)} />}
    </Field>
  );

  return (
    <form
      className="side-card"
      aria-label={creating ? "New content item" : `Edit ${props.item?.title}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2>{creating ? "New content item" : props.item?.title}</h2>
      {text("title", "Title")}
      {creating ? (
        <Field label="Id" error={errors.id} hint="How journeys and the API name it; made from the title.">
          {(attrs) => (
            <input
              {...attrs}
              className="mono"
              value={form.id}
              onChange={(e) => {
                setIdTouched(true);
                set("id", e.target.value);
              }}
            />
          )}
        </Field>
      ) : null}
      <Field label="Summary" error={errors.summary}>
        {(attrs) => (
          <textarea {...attrs} rows={2} value={form.summary} onChange={(e) => set("summary", e.target.value)} />
        )}
      </Field>
      <div className="field-row">
        <Field label="Type">
          {(attrs) => (
            <select {...attrs} value={form.type} onChange={(e) => set("type", e.target.value)}>
              {[...new Set([...TYPES, form.type])].map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
        {text("topics", "Topics", "Separated by commas")}
      </div>
      {text("url", "Link", "Where it opens, e.g. https://… or /library/…")}
      <Field label="Body (optional)" error={errors.body}>
        {(attrs) => <textarea {...attrs} rows={4} value={form.body} onChange={(e) => set("body", e.target.value)} />}
      </Field>
      {text("imageUrl", "Image address (optional)")}
      {failure && <p className="error-text">{failure}</p>}
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {creating ? "Add to library" : "Save changes"}
        </button>
      </div>
      {!creating && (
        <section className="usage">
          <h3>Where it is used</h3>
          <UsageList uses={props.uses} what="item" />
        </section>
      )}
    </form>
  );
}
