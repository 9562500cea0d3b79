import "./account.css";
import { useEffect, useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { chooseWorkspace, signedIn } from "../api/session-state.ts";
import { type InvitationView, teamApi } from "../api/team-api.ts";
import { FormField, problemsByField } from "../workspace/form-fields.tsx";
import { accountHref } from "./account-route.ts";
import { roleWords } from "./role-words.ts";

/**
 * An invitation link (`#/invitations/TOKEN`): says which workspace and role it is for, then either creates the
 * invited person's account (name and password) or, for someone already signed in, joins the workspace.
 */
export function AcceptInvitationPage({ token, onSignedIn }: { token: string; onSignedIn: () => void }) {
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: "", password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const member = signedIn();
  useEffect(() => {
    teamApi
      .invitation(token)
      .then(setInvitation, (e: unknown) =>
        setLoadError(
          e instanceof ApiError && (e.status === 404 || e.status === 410)
            ? "This invitation has expired, was revoked or was already used. Ask for a new one."
            : String(e instanceof Error ? e.message : e),
        ),
      );
  }, [token]);

  const accept = async () => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const joined = await teamApi.acceptInvitation(token, member ? undefined : form);
      // The joined workspace is the one to open (when the answer does not say, the server picks the first).
      chooseWorkspace(joined?.workspaceId || null);
      location.hash = "#/";
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
  if (loadError)
    return (
      <div className="account-form">
        <h1>Invitation</h1>
        <p className="error-text" role="alert">
          {loadError}
        </p>
        <a href={accountHref({ page: "sign-in" })}>Sign in</a>
      </div>
    );
  if (!invitation) return <div className="centered muted">Loading…</div>;
  return (
    <form
      className="account-form"
      aria-label="Accept invitation"
      onSubmit={(e) => {
        e.preventDefault();
        void accept();
      }}
    >
      <h1>Join {invitation.workspaceName}</h1>
      <p>
        You are invited as <b>{invitation.role}</b>: {roleWords(invitation.role)}
      </p>
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
      {member ? (
        <p className="muted">You are signed in as {member.user.email}; the workspace is added to your account.</p>
      ) : (
        <>
          <FormField label="Email" type="email" value={invitation.email} onChange={() => {}} />
          <FormField
            label="Your name"
            value={form.name}
            onChange={(name) => setForm({ ...form, name })}
            error={errors.name ?? errors["body.name"]}
          />
          <FormField
            label="Password"
            type="password"
            value={form.password}
            onChange={(password) => setForm({ ...form, password })}
            error={errors.password ?? errors["body.password"]}
            hint="At least 12 characters."
          />
        </>
      )}
      <button type="submit" className="primary" disabled={busy || (!member && !form.password)}>
        {member ? `Join ${invitation.workspaceName}` : "Create my account and join"}
      </button>
    </form>
  );
}
