import { useEffect, useState } from "react";
import { approvalApi } from "../../api/approval-api.ts";

/** The workspace's "Require approval before publishing" toggle (issue 13); saved as soon as it is switched. */
export function ApprovalSettings() {
  const [required, setRequired] = useState<boolean | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    approvalApi
      .settings()
      .then((s) => setRequired(s.required))
      .catch((e: Error) => setMessage({ text: e.message, error: true }));
  }, []);
  const toggle = async (next: boolean) => {
    setMessage(null);
    // Shown switched at once (a controlled checkbox would otherwise snap back until the server answers).
    setRequired(next);
    try {
      setRequired((await approvalApi.saveSettings(next)).required);
      setMessage({
        text: next ? "Publishing now needs an approved review." : "Journeys publish directly.",
        error: false,
      });
    } catch (e) {
      setRequired(!next);
      setMessage({ text: (e as Error).message, error: true });
    }
  };
  return (
    <section className="card settings-card" aria-label="Approvals">
      <h2>Approvals</h2>
      <p className="muted">
        When on, nobody publishes directly: an editor asks for review, and another publisher approves (which publishes
        exactly the draft reviewed) or rejects with a comment. Keys are held to it too.
      </p>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={required ?? false}
          disabled={required === null}
          onChange={(e) => toggle(e.target.checked)}
        />
        <span>Require approval before publishing</span>
      </label>
      {message && (
        <p className={message.error ? "error-text" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </section>
  );
}
