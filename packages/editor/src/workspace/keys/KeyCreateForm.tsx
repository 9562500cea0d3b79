import { KEY_SCOPES, type KeyScope } from "@overture/api-contract";
import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { type CreatedKey, teamApi } from "../../api/team-api.ts";
import { FormField, problemsByField } from "../form-fields.tsx";

/** Creates a key: a name, its scopes (checkboxes) and an optional expiry date. */
export function KeyCreateForm({ onCreated }: { onCreated: (key: CreatedKey) => Promise<void> | void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<KeyScope[]>(["read"]);
  const [expires, setExpires] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toggle = (scope: KeyScope) =>
    setScopes((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));
  const submit = async () => {
    setErrors({});
    try {
      // A date picked is the end of that day, in the browser's time zone.
      const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
      const created = await teamApi.createKey({ name: name.trim(), scopes, expiresAt });
      setName("");
      setExpires("");
      await onCreated(created);
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...problemsByField(e.problems), form: e.message } : { form: String(e) });
    }
  };
  return (
    <form
      className="card settings-card"
      aria-label="Create a key"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Create a key</h2>
      <div className="inline-fields settings-row">
        <FormField label="Name" value={name} placeholder="Warehouse sync" onChange={setName} error={errors.name} />
        <fieldset className="scope-choices">
          <legend>Scopes</legend>
          {KEY_SCOPES.map((scope) => (
            <label key={scope}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {scope}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label>
            <span>Expires (optional)</span>
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        </div>
        <button type="submit" className="primary">
          Create key
        </button>
      </div>
      {errors.scopes && <p className="error-text">{errors.scopes}</p>}
      {errors.form && !errors.name && !errors.scopes && <p className="error-text">{errors.form}</p>}
    </form>
  );
}
