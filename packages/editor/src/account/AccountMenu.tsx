import "./account.css";
import { useEffect, useState } from "react";
import { chooseWorkspace, signedIn } from "../api/session-state.ts";
import { teamApi, type WorkspaceEntry } from "../api/team-api.ts";

/** Opens the workspace with this id: remembered for the next calls, and the page reloaded so every screen reads it. */
function openWorkspace(id: string): void {
  chooseWorkspace(id);
  location.hash = "#/";
  location.reload();
}

/**
 * The top bar's account menu for a member signed in: who they are and their role, their workspaces to switch between,
 * "New workspace…", sign out and sign out everywhere. With an API key (the demo) there is no account: nothing shows.
 */
export function AccountMenu() {
  const session = signedIn();
  const [open, setOpen] = useState(false);
  const [workspaces, setWorkspaces] = useState<WorkspaceEntry[]>([]);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) teamApi.workspaces().then(setWorkspaces, (e: unknown) => setError(String(e)));
  }, [open]);
  if (!session) return null;
  const current = workspaces.find((w) => w.id === session.workspaceId);

  const signOut = async (everywhere: boolean) => {
    await (everywhere ? teamApi.signOutEverywhere() : teamApi.signOut()).catch(() => {});
    chooseWorkspace(null);
    location.hash = "#/sign-in";
    location.reload();
  };
  const create = async () => {
    setError(null);
    try {
      const workspace = await teamApi.createWorkspace(name.trim());
      openWorkspace(workspace.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="account-menu">
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        {session.user.name || session.user.email}
        {session.role && <span className="role-tag">{session.role}</span>}
      </button>
      {open && (
        <div className="account-menu-panel" role="dialog" aria-label="Account">
          <div>
            <b>{session.user.name || session.user.email}</b>
            <div className="muted">{session.user.email}</div>
            <div className="muted">
              {session.role ? `${session.role} in ${current?.name ?? "this workspace"}` : "in no workspace yet"}
            </div>
          </div>
          <hr />
          <ul aria-label="Your workspaces">
            {workspaces.map((w) => (
              <li key={w.id}>
                {w.id === session.workspaceId ? (
                  <span aria-current="true">
                    ✓ {w.name} <span className="muted">({w.role})</span>
                  </span>
                ) : (
                  <button type="button" className="link" onClick={() => openWorkspace(w.id)}>
                    {w.name} <span className="muted">({w.role})</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
          {creating ? (
            <form
              className="inline-fields"
              onSubmit={(e) => {
                e.preventDefault();
                if (name.trim()) void create();
              }}
            >
              <input aria-label="Workspace name" value={name} onChange={(e) => setName(e.target.value)} />
              <button type="submit" className="primary" disabled={!name.trim()}>
                Create
              </button>
            </form>
          ) : (
            <button type="button" className="link" onClick={() => setCreating(true)}>
              New workspace…
            </button>
          )}
          {error && <p className="error-text">{error}</p>}
          <hr />
          <button type="button" onClick={() => void signOut(false)}>
            Sign out
          </button>
          <button type="button" className="link" onClick={() => void signOut(true)}>
            Sign out everywhere
          </button>
        </div>
      )}
    </div>
  );
}
