import { useCallback, useEffect, useState } from "react";
import { ApiError, loadApiKey } from "../api/api-client.ts";
import { chooseWorkspace, chosenWorkspace, onSessionLost, setSignedIn } from "../api/session-state.ts";
import { type SessionAnswer, signedInOf, teamApi } from "../api/team-api.ts";

/**
 * How the editor reaches the API: still finding out; with a key (the demo's, or one pasted); as a member signed in;
 * signed out (the first-run screen when nobody can sign in yet, else the sign-in screen); or the old key form.
 */
export type Access =
  | { kind: "loading" }
  | { kind: "key" }
  | { kind: "session"; session: SessionAnswer }
  | { kind: "signed-out"; setupNeeded: boolean }
  | { kind: "key-form" };

/** The member's session, asking again without a chosen workspace the member no longer belongs to. */
async function currentSession(): Promise<SessionAnswer | null> {
  try {
    return await teamApi.session();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 403 && chosenWorkspace())) throw e;
    chooseWorkspace(null);
    return teamApi.session();
  }
}

/** Finds out how the editor reaches the API, once sign-in happens again, and when a call finds the session gone. */
export function useAccess(): { access: Access; refresh: () => void; showKeyForm: () => void } {
  const [access, setAccess] = useState<Access>({ kind: "loading" });
  const refresh = useCallback(() => {
    void (async () => {
      // The demo shortcut first, exactly as before: a key handed to this machine's browser, or one pasted in this tab.
      if (await loadApiKey()) return setAccess({ kind: "key" });
      try {
        const session = await currentSession();
        setSignedIn(session ? signedInOf(session) : null);
        if (session) return setAccess({ kind: "session", session });
        setAccess({ kind: "signed-out", setupNeeded: await teamApi.setupNeeded() });
      } catch {
        // A server without members (older, or its routes refused): the key form, as before.
        setAccess({ kind: "key-form" });
      }
    })();
  }, []);
  useEffect(() => {
    refresh();
    return onSessionLost(() => setAccess({ kind: "signed-out", setupNeeded: false }));
  }, [refresh]);
  return { access, refresh, showKeyForm: () => setAccess({ kind: "key-form" }) };
}
