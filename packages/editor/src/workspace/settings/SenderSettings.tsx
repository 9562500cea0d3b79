import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { deliveryApi } from "../../api/delivery-api.ts";
import { FormField, problemsByField } from "../form-fields.tsx";
import { idFromName } from "../slug.ts";
import { useSettingsList } from "./use-settings-list.ts";

/** Who emails are from: add identities (name, address, reply-to), pick the default, delete. */
export function SenderSettings() {
  const { items: senders, load, act, message, setMessage } = useSettingsList(deliveryApi.senders);
  const [form, setForm] = useState({ fromName: "", fromAddress: "", replyTo: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const add = async () => {
    setErrors({});
    setMessage(null);
    try {
      await deliveryApi.saveSender(idFromName(form.fromAddress || form.fromName, "sender"), {
        ...form,
        replyTo: form.replyTo || null,
      });
      setForm({ fromName: "", fromAddress: "", replyTo: "" });
      await load();
    } catch (e) {
      if (e instanceof ApiError) setErrors(problemsByField(e.problems));
      else setMessage(String(e));
    }
  };
  return (
    <section className="card settings-card" aria-label="Sender identities">
      <h2>Sender identities</h2>
      <p className="muted">Who your emails say they are from, and where replies go. Emails go out as the default.</p>
      {message && <p className="error-text">{message}</p>}
      {senders.length > 0 && (
        <ul className="settings-list">
          {senders.map((s) => (
            <li key={s.id}>
              <b>{s.fromName}</b> <span className="muted">&lt;{s.fromAddress}&gt;</span>
              {s.replyTo && <span className="muted"> · replies to {s.replyTo}</span>}
              {s.isDefault ? (
                <span className="use-tag use-live">Default</span>
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => void act(deliveryApi.saveSender(s.id, { ...s, isDefault: true }))}
                >
                  Make default
                </button>
              )}
              <button
                type="button"
                className="link danger-link"
                onClick={() => void act(deliveryApi.deleteSender(s.id))}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-fields settings-row"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <FormField
          label="From name"
          value={form.fromName}
          placeholder="Acme Team"
          onChange={(fromName) => setForm({ ...form, fromName })}
          error={errors.fromName}
        />
        <FormField
          label="From address"
          value={form.fromAddress}
          placeholder="hello@acme.com"
          onChange={(fromAddress) => setForm({ ...form, fromAddress })}
          error={errors.fromAddress}
        />
        <FormField
          label="Reply-to (optional)"
          value={form.replyTo}
          placeholder="support@acme.com"
          onChange={(replyTo) => setForm({ ...form, replyTo })}
          error={errors.replyTo}
        />
        <button type="submit">Add sender</button>
      </form>
    </section>
  );
}
