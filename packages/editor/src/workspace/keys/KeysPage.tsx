import "../workspace.css";
import { useState } from "react";
import type { CreatedKey } from "../../api/team-api.ts";
import { teamApi } from "../../api/team-api.ts";
import { WorkspacePageFrame } from "../../pages/WorkspaceNav.tsx";
import { useSettingsList } from "../settings/use-settings-list.ts";
import { KeyCreateForm } from "./KeyCreateForm.tsx";
import { KeyTable } from "./KeyTable.tsx";

/** The workspace's API keys: list (masked), create (the key shown once), revoke, rotate. */
export function KeysPage() {
  const { items: keys, load, act, message } = useSettingsList(teamApi.keys);
  const [shown, setShown] = useState<CreatedKey | null>(null);
  const created = async (key: CreatedKey) => {
    setShown(key);
    await load();
  };
  return (
    <WorkspacePageFrame current="keys">
      <h1>API keys</h1>
      <p className="muted">
        Each key is named and scoped: <b>ingest</b> sends events, <b>portal</b> acts for customers in a portal,{" "}
        <b>read</b> sees everything and changes nothing, <b>manage</b> may do everything.
      </p>
      {message && <p className="error-text">{message}</p>}
      {shown && <ShownOnce created={shown} onDone={() => setShown(null)} />}
      <KeyCreateForm onCreated={created} />
      <KeyTable
        keys={keys}
        onRevoke={(id) => act(teamApi.revokeKey(id))}
        onRotate={(id, overlap) =>
          act(
            teamApi.rotateKey(id, overlap).then(async (rotated) => {
              setShown(rotated.key);
            }),
          )
        }
      />
    </WorkspacePageFrame>
  );
}

/** A new key, shown this once with a copy button. */
function ShownOnce({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(created.key).catch(() => {});
    setCopied(true);
  };
  return (
    <section className="notice key-once" role="status" aria-label="New key">
      <p>
        The key <b>{created.name}</b>: copy it now, <b>you will not see it again</b>.
      </p>
      <p>
        <code className="key-value">{created.key}</code>{" "}
        <button type="button" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </button>{" "}
        <button type="button" className="link" onClick={onDone}>
          Done
        </button>
      </p>
    </section>
  );
}
