import "../workspace.css";
import "./members.css";
import type { Role } from "@overture/api-contract";
import { useCallback, useEffect, useState } from "react";
import { roleWords } from "../../account/role-words.ts";
import { ApiError } from "../../api/api-client.ts";
import { may, signedIn } from "../../api/session-state.ts";
import { type InvitationEntry, type MemberEntry, teamApi } from "../../api/team-api.ts";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { InviteForm } from "./InviteForm.tsx";
import { assignableRoles, expiryWords, memberActions } from "./member-rules.ts";

/**
 * The workspace's members (`#/members`): each with their role, which those who manage members change or remove (the
 * owner rules said rather than refused), invitations by email with a role, and the pending ones with their expiry.
 */
export function MembersPage() {
  const [members, setMembers] = useState<MemberEntry[]>([]);
  const [invitations, setInvitations] = useState<InvitationEntry[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const viewer = { userId: signedIn()?.user.id ?? "", manages: may("members.manage"), owns: may("workspace.own") };
  const load = useCallback(async () => {
    try {
      setMembers(await teamApi.members());
      if (viewer.manages) setInvitations(await teamApi.invitations());
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  }, [viewer.manages]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (work: Promise<unknown>) => {
    setMessage(null);
    try {
      await work;
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
    await load();
  };

  return (
    <div className="list-page">
      <WorkspaceNav current="members" />
      <main className="list-main settings-main">
        <h1>Members</h1>
        {!viewer.manages && <p className="muted page-intro">Only admins and owners invite members and change roles.</p>}
        {message && (
          <p className="error-text" role="alert">
            {message}
          </p>
        )}
        <section className="card settings-card" aria-label="Members">
          <h2>Members</h2>
          <table className="members-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const actions = memberActions(viewer, m, members);
                const you = m.userId === viewer.userId;
                return (
                  <tr key={m.userId} aria-label={m.email}>
                    <td>
                      {m.name || "—"}
                      {you && <span className="muted"> (you)</span>}
                    </td>
                    <td>{m.email}</td>
                    <td>
                      {actions.canChangeRole ? (
                        <select
                          aria-label={`Role of ${m.email}`}
                          value={m.role}
                          title={roleWords(m.role)}
                          onChange={(e) => void act(teamApi.updateMember(m.userId, e.target.value as Role))}
                        >
                          {actions.roles.map((role) => (
                            <option key={role} value={role}>
                              {role}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span title={roleWords(m.role)}>{m.role}</span>
                      )}
                      {actions.note && <div className="muted">{actions.note}</div>}
                    </td>
                    <td>
                      {actions.canRemove && (
                        <button
                          type="button"
                          className="link danger-link"
                          onClick={() =>
                            confirm(`Remove ${m.email} from this workspace?`) &&
                            void act(teamApi.removeMember(m.userId))
                          }
                        >
                          {you ? "Leave" : "Remove"}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        {viewer.manages && (
          <section className="card settings-card" aria-label="Invitations">
            <h2>Invitations</h2>
            <p className="muted">
              An invitation is emailed as a link; it works once, until it expires. The roles:{" "}
              {assignableRoles(viewer)
                .map((role) => `${role} ${roleWords(role)}`)
                .join(" ")}
            </p>
            {invitations.length > 0 && (
              <ul className="settings-list" aria-label="Pending invitations">
                {invitations.map((i) => (
                  <li key={i.id}>
                    <b>{i.email}</b> <span className="muted">as {i.role}</span>{" "}
                    <span className="muted">
                      · {expiryWords(i.expiresAt, new Date())} · invited by {i.invitedBy}
                      {!i.emailed && " · email not sent"}
                    </span>
                    <button
                      type="button"
                      className="link danger-link"
                      onClick={() => void act(teamApi.revokeInvitation(i.id))}
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <InviteForm roles={assignableRoles(viewer)} onInvited={load} />
          </section>
        )}
      </main>
    </div>
  );
}
