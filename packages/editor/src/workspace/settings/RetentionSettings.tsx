import { useCallback, useEffect, useState } from "react";
import { ApiError, call } from "../../api/api-client.ts";
import { FormField, problemsByField } from "../form-fields.tsx";

type Kind = "events" | "history" | "deliveries";
type Retention = Record<Kind, number | null> & { minimumDays: number; updatedAt: number | null };

const FIELDS: Array<{ key: Kind; label: string; hint: string }> = [
  { key: "events", label: "Events (days)", hint: "Processed events; pending ones are never deleted." },
  { key: "history", label: "Journey history (days)", hint: "Steps of finished journey entries." },
  { key: "deliveries", label: "Delivery records (days)", hint: "Finished sends of finished entries." },
];

/**
 * How long the workspace keeps events, journey history and delivery records (GET/PUT /v1/retention): empty keeps
 * them forever; a window is at least the minimum, so frequency caps and "in the last N days" branches still see theirs.
 */
export function RetentionSettings() {
  const [values, setValues] = useState<Record<Kind, string>>({ events: "", history: "", deliveries: "" });
  const [minimum, setMinimum] = useState(30);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fill = useCallback((r: Retention) => {
    setMinimum(r.minimumDays);
    setValues({ events: show(r.events), history: show(r.history), deliveries: show(r.deliveries) });
  }, []);
  useEffect(() => {
    call<Retention>("GET", "/v1/retention")
      .then(fill)
      .catch((e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }));
  }, [fill]);
  const save = async () => {
    setErrors({});
    setMessage(null);
    const body = Object.fromEntries(
      FIELDS.map((f) => [f.key, values[f.key].trim() === "" ? null : Number(values[f.key])]),
    );
    try {
      fill(await call<Retention>("PUT", "/v1/retention", body));
      setMessage({ text: "Saved.", error: false });
    } catch (e) {
      if (e instanceof ApiError) setErrors(problemsByField(e.problems));
      setMessage({ text: e instanceof ApiError ? e.message : String(e), error: true });
    }
  };
  return (
    <section className="card settings-card" aria-label="Data retention">
      <h2>Data retention</h2>
      <p className="muted">
        Older rows are deleted by a background job; journeys in progress keep what they need. Leave a field empty to
        keep forever; a window is at least {minimum} days.
      </p>
      {message && (
        <p className={message.error ? "error-text" : "muted"} role="status">
          {message.text}
        </p>
      )}
      <form
        className="inline-fields settings-row"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map((f) => (
          <FormField
            key={f.key}
            label={f.label}
            type="number"
            value={values[f.key]}
            placeholder="forever"
            hint={f.hint}
            error={errors[f.key]}
            onChange={(v) => setValues({ ...values, [f.key]: v })}
          />
        ))}
        <button type="submit">Save</button>
      </form>
    </section>
  );
}

function show(days: number | null): string {
  return days === null ? "" : String(days);
}
