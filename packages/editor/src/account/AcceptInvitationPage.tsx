import "./account.css";
import { useEffect, useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { chooseWorkspace, setSignedIn, signedIn } from "../api/session-state.ts";
import { type InvitationView, signedInOf, teamApi } from "../api/team-api.ts";
import { FormField, problemsByField } from "../workspace/form-fields.tsx";
import { accountHref } from "./account-route.ts";
import { roleWords } from "./role-words.ts";

/**
 * An invitation link (`#/invitations/TOKEN`): says which workspace and role it is for, then joins. Someone new
 * creates their account (name and password); someone with an account signs in here first; someone signed in as the
 * invited email joins in one click.
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
            ? "This invitation was revoked, already used or does not exist. Ask for a new one."
            : String(e instanceof Error ? e.message : e),
        ),
      );
  }, [token]);

  const accept = async (invited: InvitationView) => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      // Someone with an account proves it first; the accept call then carries the new session's CSRF token.
      if (!member && invited.hasAccount) setSignedIn(signedInOf(await teamApi.signIn(invited.email, form.password)));
      const joined = await teamApi.acceptInvitation(token, member || invited.hasAccount ? undefined : form);
      chooseWorkspace(joined.workspace?.id ?? null);
      location.hash = "#/";
      onSignedIn();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(problemsByField(e.problems));
        setMessage(
          e.status === 401 && invited.hasAccount && !member
            ? "Wrong password."
            : e.status === 403 && member
              ? `This invitation is for ${invited.email}; you are signed in as ${member.user.email}. Sign out first.`
              : e.message,
        );
      } else setMessage(String(e));
    } finally {
      setBusy(false);
    }
  };
  if (loadError || invitation?.expired)
    return (
      <div className="account-form">
        <h1>Invitation</h1>
        <p className="error-text" role="alert">
          {loadError ?? "This invitation has expired. Ask for a new one."}
        </p>
        <a href={accountHref({ page: "sign-in" })}>Sign in</a>
      </div>
    );
  if (!invitation) return <div className="centered muted">Loading…</div>;
  const newAccount = !member && !invitation.hasAccount;
  return (
    <form
      className="account-form"
      aria-label="Accept invitation"
      onSubmit={(e) => {
        e.preventDefault();
        void accept(invitation);
      }}
    >
      <h1>Join {invitation.workspaceName}</h1>
      <p>
        {invitation.email} is invited as <b>{invitation.role}</b>: {roleWords(invitation.role)}
      </p>
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
      {member && (
        <p className="muted">You are signed in as {member.user.email}; the workspace is added to your account.</p>
      )}
      {newAccount && (
        <FormField
          label="Your name"
          value={form.name}
          onChange={(name) => setForm({ ...form, name })}
          error={errors.name ?? errors["body.name"]}
        />
      )}
      {!member && (
        <FormField
          label={newAccount ? "Choose a password" : "Your password"}
          type="password"
          value={form.password}
          onChange={(password) => setForm({ ...form, password })}
          error={errors.password ?? errors["body.password"]}
          hint={newAccount ? "At least 10 characters." : "You have an account here: sign in to join."}
        />
      )}
      <button type="submit" className="primary" disabled={busy || (!member && !form.password)}>
        {member ? `Join ${invitation.workspaceName}` : newAccount ? "Create my account and join" : "Sign in and join"}
      </button>
    </form>
  );
}
