import type { JourneyDocument } from "@overture/core";
import { useMemo } from "react";
import { diffVersions } from "../model/version-diff.ts";

/** Shows what publishing changes compared with the running version, and asks for confirmation. */
export function PublishDialog(props: {
  running: JourneyDocument | null;
  draft: JourneyDocument;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const diff = useMemo(() => diffVersions(props.running, props.draft), [props.running, props.draft]);
  const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0 && !diff.settingsChanged;
  const list = (title: string, steps: { id: string; name?: string }[], className: string) =>
    steps.length > 0 && (
      <div className={`diff-group ${className}`}>
        <div className="panel-subtitle">
          {title} ({steps.length})
        </div>
        <ul>
          {steps.map((s) => (
            <li key={s.id}>{s.name ? `${s.name} (${s.id})` : s.id}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label="Publish">
        <h2>{props.running ? "Publish a new version?" : "Publish the first version?"}</h2>
        <p className="muted">
          New customers enter the new version; customers already in the journey finish the version they entered.
        </p>
        {nothing && <p>Nothing changed from the running version (only positions, if anything).</p>}
        {list("Steps added", diff.added, "added")}
        {list("Steps removed", diff.removed, "removed")}
        {list("Steps changed", diff.changed, "changed")}
        {diff.settingsChanged && <p>The journey's settings changed.</p>}
        <div className="modal-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={props.busy} onClick={props.onConfirm}>
            Publish
          </button>
        </div>
      </div>
    </div>
  );
}
