import type { ChannelPreview, ChannelStepUi } from "@overture/channels/browser";
import { useEffect, useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { channelApi } from "../api/channel-api.ts";

/**
 * A channel step rendered by the server for a sample customer (or one chosen), drawn as the customer sees it: a text
 * message bubble with its segments, a browser notification card. Re-rendered a moment after each edit.
 */
export function ChannelPreviewPane({ ui, step }: { ui: ChannelStepUi; step: Record<string, unknown> }) {
  const [preview, setPreview] = useState<ChannelPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState("");
  const key = JSON.stringify(step);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      channelApi
        .preview(ui.spec.type, JSON.parse(key) as Record<string, unknown>, customerId.trim() || undefined)
        .then((p) => {
          if (!live) return;
          setPreview(p);
          setError(null);
        })
        .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : "The preview could not be made."));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ui.spec.type, key, customerId]);
  return (
    <section className="step-preview" aria-label={`${ui.spec.label} preview`}>
      <div className="preview-bar">
        <span className="panel-subtitle">Preview</span>
        <input
          aria-label="Preview for customer"
          placeholder="sample customer"
          value={customerId}
          onChange={(e) => setCustomerId(e.target.value)}
        />
      </div>
      {error && <p className="error-text">{error}</p>}
      {preview && <PreviewBody preview={preview} />}
    </section>
  );
}

function PreviewBody({ preview }: { preview: ChannelPreview }) {
  switch (preview.kind) {
    case "text-message":
      return (
        <div className="sms-preview" data-testid="text-message-preview">
          <div className="sms-bubble">{preview.body}</div>
          {preview.segments !== undefined && (
            <small className="muted">
              {preview.segments} segment{preview.segments === 1 ? "" : "s"}
              {preview.encoding ? ` · ${preview.encoding}` : ""}
            </small>
          )}
        </div>
      );
    case "push-card":
      return (
        <div className="push-preview" data-testid="push-preview">
          {preview.icon && <img src={preview.icon} alt="" width={32} height={32} />}
          <div>
            <strong>{preview.title}</strong>
            <p>{preview.body}</p>
            {preview.url && <small className="muted">{preview.url}</small>}
          </div>
        </div>
      );
    case "notification-card":
      return (
        <div className="inbox-preview">
          <div className="inbox-text">
            <strong>{preview.title}</strong>
            <p>{preview.body}</p>
          </div>
        </div>
      );
    case "html":
      return <iframe className="email-preview-frame" title="Preview" sandbox="" srcDoc={preview.html} height={320} />;
  }
}
