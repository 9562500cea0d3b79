import "./account.css";
import { useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { teamApi } from "../api/team-api.ts";
import { FormField, problemsByField } from "../workspace/form-fields.tsx";
import { accountHref } from "./account-route.ts";

/**
 * Password reset: without a token, asks for the email to send a link to (the answer never says whether an account
 * exists); with the emailed link's token, sets the new password, which signs in (other sessions end).
 */
export function ResetPasswordPage({ token, onSignedIn }: { token?: string | undefined; onSignedIn: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      if (token) {
        await teamApi.resetPassword(token, password);
        location.hash = "#/";
        onSignedIn();
      } else {
        await teamApi.requestPasswordReset(email.trim());
        setDone(`If ${email.trim()} has an account here, a link to choose a new password is on its way.`);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        const byField = problemsByField(e.problems);
        setFieldError(byField.password ?? byField["body.password"]);
        setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="account-form"
      aria-label="Reset password"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>{token ? "Choose a new password" : "Reset your password"}</h1>
      {done ? (
        <p role="status">{done}</p>
      ) : (
        <>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {token ? (
            <FormField
              label="New password"
              type="password"
              value={password}
              onChange={setPassword}
              error={fieldError}
              hint="At least 10 characters."
            />
          ) : (
            <FormField label="Email" type="email" value={email} onChange={setEmail} />
          )}
          <button type="submit" className="primary" disabled={busy || (token ? !password : !email.trim())}>
            {token ? "Set the new password" : "Email me a link"}
          </button>
        </>
      )}
      <div className="account-links">
        <a href={accountHref({ page: "sign-in" })}>Back to sign in</a>
      </div>
    </form>
  );
}
