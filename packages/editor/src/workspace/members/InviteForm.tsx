import type { Role } from "@overture/api-contract";
import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { teamApi } from "../../api/team-api.ts";
import { FormField, problemsByField } from "../form-fields.tsx";

/** Invites someone by email with a role; says where the link went once it is sent. */
export function InviteForm({ roles, onInvited }: { roles: Role[]; onInvited: () => Promise<void> }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const invite = async () => {
    setErrors({});
    setMessage(null);
    try {
      const invitation = await teamApi.invite(email.trim(), role);
      setMessage(
        invitation.emailed
          ? `Invitation sent to ${invitation.email}.`
          : `Invitation made for ${invitation.email}, but the email could not be sent (is email set up?). Invite again once it is.`,
      );
      setEmail("");
      await onInvited();
    } catch (e) {
      if (e instanceof ApiError) {
        const byField = problemsByField(e.problems);
        setErrors(byField);
        if (!byField.email && !byField["body.email"]) setMessage(e.message);
      } else setMessage(String(e));
    }
  };
  return (
    <form
      className="inline-fields settings-row"
      aria-label="Invite a member"
      onSubmit={(e) => {
        e.preventDefault();
        if (email.trim()) void invite();
      }}
    >
      <FormField
        label="Email"
        type="email"
        value={email}
        placeholder="sam@acme.com"
        onChange={setEmail}
        error={errors.email ?? errors["body.email"]}
      />
      <div className="field">
        <label htmlFor="invite-role">
          <span>Role</span>
        </label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={!email.trim()}>
        Invite
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
