import type { ChannelSettingsForm, ChannelStepUi } from "@overture/channels/browser";
import { channelSteps } from "@overture/channels/browser";
import { useCallback, useEffect, useState } from "react";
import { ApiError, call } from "../../api/api-client.ts";
import { FormField, problemsByField } from "../form-fields.tsx";

type Answer = { settings: Record<string, unknown> | null; usesDevSink?: boolean };

/** One card per registered channel that has provider settings (the SMS account…), drawn from the module's form. */
export function ChannelSettings() {
  const withSettings = channelSteps().filter((c): c is ChannelStepUi & { settings: ChannelSettingsForm } =>
    Boolean(c.settings),
  );
  return (
    <>
      {withSettings.map((c) => (
        <ChannelSettingsCard key={c.spec.type} form={c.settings} />
      ))}
    </>
  );
}

function ChannelSettingsCard({ form }: { form: ChannelSettingsForm }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fill = useCallback(
    (a: Answer) => {
      setAnswer(a);
      setValues(Object.fromEntries(form.fields.map((f) => [f.key, String(a.settings?.[f.key] ?? "")])));
    },
    [form.fields],
  );
  useEffect(() => {
    call<Answer>("GET", form.path)
      .then(fill)
      .catch((e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }));
  }, [form.path, fill]);
  const save = async () => {
    setErrors({});
    setMessage(null);
    // Empty optional fields are left out, so the server applies its defaults.
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
    try {
      const saved = await call<Record<string, unknown>>("PUT", form.path, body);
      fill({ settings: saved, usesDevSink: false });
      setMessage({ text: "Saved.", error: false });
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(problemsByField(e.problems));
        setMessage({ text: e.message, error: true });
      } else setMessage({ text: String(e), error: true });
    }
  };
  return (
    <section className="card settings-card" aria-label={form.title}>
      <h2>{form.title}</h2>
      <p className="muted">{form.help}</p>
      {answer?.usesDevSink && (
        <p className="muted" data-testid="uses-dev-sink">
          Nothing saved yet: messages go to the development inbox.
        </p>
      )}
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
        {form.fields.map((f) => (
          <FormField
            key={f.key}
            label={f.label}
            type={f.secret ? "password" : "text"}
            value={values[f.key] ?? ""}
            placeholder={f.placeholder}
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
