import "./account.css";
import { useEffect, useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { teamApi } from "../api/team-api.ts";
import { FormField } from "../workspace/form-fields.tsx";
import { accountHref, ssoErrorWords } from "./account-route.ts";

/**
 * Sign in with email and password, or with single sign-on when the server has it (GET /v1/sso). A refused single
 * sign-on comes back here with its code, said in words. "Use an API key instead" opens the older key form (scripts and
 * older tests use it).
 */
export function SignInPage({
  ssoError,
  onSignedIn,
  onUseKey,
}: {
  ssoError?: string | undefined;
  onSignedIn: () => void;
  onUseKey: () => void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(ssoError ? ssoErrorWords(ssoError) : null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<{ enabled: boolean; label?: string | undefined }>({ enabled: false });
  useEffect(() => {
    void teamApi.sso().then(setSso);
  }, []);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await teamApi.signIn(email.trim(), password);
      onSignedIn();
    } catch (e) {
      setError(
        e instanceof ApiError && (e.status === 401 || e.code === "unauthorized")
          ? "Wrong email or password."
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="account-form"
      aria-label="Sign in"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>Sign in to Overture</h1>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <FormField label="Email" type="email" value={email} onChange={setEmail} />
      <FormField label="Password" type="password" value={password} onChange={setPassword} />
      <button type="submit" className="primary" disabled={busy || !email.trim() || !password}>
        Sign in
      </button>
      {sso.enabled && (
        <a className="sso-button" href="/v1/sso/start">
          {sso.label || "Sign in with single sign-on"}
        </a>
      )}
      <div className="account-links">
        <a href={accountHref({ page: "reset-password" })}>Forgot your password?</a>
        <button type="button" className="link muted" onClick={onUseKey}>
          Use an API key instead
        </button>
      </div>
    </form>
  );
}
