import "./account.css";
import { useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { teamApi } from "../api/team-api.ts";
import { FormField, problemsByField } from "../workspace/form-fields.tsx";

/** The first run, while nobody can sign in: creates the owner and their first workspace, and signs them in. */
export function FirstRunPage({ onSignedIn, onUseKey }: { onSignedIn: () => void; onUseKey: () => void }) {
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });
  const field = (name: string) => errors[name] ?? errors[`body.${name}`];

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await teamApi.completeSetup({ ...form, email: form.email.trim() });
      onSignedIn();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(problemsByField(e.problems));
        setMessage(e.message);
      } else setMessage(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="account-form"
      aria-label="First run"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>Welcome to Overture</h1>
      <p className="muted">
        Nobody can sign in yet. Create the owner's account: the owner can do everything in this server's workspace, and
        invites the rest of the team.
      </p>
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
      <FormField label="Your name" value={form.name} onChange={set("name")} error={field("name")} />
      <FormField label="Email" type="email" value={form.email} onChange={set("email")} error={field("email")} />
      <FormField
        label="Password"
        type="password"
        value={form.password}
        onChange={set("password")}
        error={field("password")}
        hint="At least 10 characters."
      />
      <button type="submit" className="primary" disabled={busy || !form.email.trim() || !form.password}>
        Create the owner and open the editor
      </button>
      <div className="account-links">
        <span />
        <button type="button" className="link muted" onClick={onUseKey}>
          Use an API key instead
        </button>
      </div>
    </form>
  );
}
