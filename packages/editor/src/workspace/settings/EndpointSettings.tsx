import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { deliveryApi } from "../../api/delivery-api.ts";
import { FormField, problemsByField } from "../form-fields.tsx";
import { useSettingsList } from "./use-settings-list.ts";

/** The webhook endpoints webhook steps call: list, add (the secret is shown once) and delete (refused while in use). */
export function EndpointSettings() {
  const { items: endpoints, load, act, message, setMessage } = useSettingsList(deliveryApi.endpoints);
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const add = async () => {
    setErrors({});
    setMessage(null);
    try {
      const saved = await deliveryApi.saveEndpoint(name.trim(), { url: url.trim() });
      if (saved.secret) setSecret({ name: saved.name, secret: saved.secret });
      setName("");
      setUrl("");
      await load();
    } catch (e) {
      if (!(e instanceof ApiError)) return setMessage(String(e));
      const byField = problemsByField(e.problems);
      // The name travels in the address: its problems come without a field.
      if (byField[""]) byField.name = byField[""];
      setErrors(byField);
      if (!name.trim()) setErrors({ ...byField, name: "give the endpoint a name, e.g. crm.orders" });
    }
  };
  const remove = (endpoint: string) => act(deliveryApi.deleteEndpoint(endpoint));

  return (
    <section className="card settings-card" aria-label="Webhook endpoints">
      <h2>Webhook endpoints</h2>
      <p className="muted">Where webhook steps send. Each call is signed with the endpoint's secret.</p>
      {message && <p className="error-text">{message}</p>}
      {secret && (
        <p className="notice" role="status">
          Secret of <b>{secret.name}</b>, shown this once: <code>{secret.secret}</code>
        </p>
      )}
      {endpoints.length > 0 && (
        <ul className="settings-list">
          {endpoints.map((e) => (
            <li key={e.name}>
              <b>{e.name}</b> <span className="muted">{e.url}</span>
              <button type="button" className="link danger-link" onClick={() => void remove(e.name)}>
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
        <FormField label="Endpoint name" value={name} placeholder="crm.orders" onChange={setName} error={errors.name} />
        <FormField
          label="URL"
          value={url}
          placeholder="https://crm.example.com/hooks/overture"
          onChange={setUrl}
          error={errors.url}
        />
        <button type="submit">Add endpoint</button>
      </form>
    </section>
  );
}
