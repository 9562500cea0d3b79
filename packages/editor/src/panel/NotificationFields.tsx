import type { StepOf } from "@overture/core";
import { useEffect, useState } from "react";
import { ApiError, api, type NotificationPreview } from "../api/api-client.ts";
import { DurationField } from "./DurationField.tsx";
import { Section, TextArea, TextField } from "./fields.tsx";

type Props = { step: StepOf<"notification">; set: (field: string, value: unknown) => void; readOnly: boolean };

/** A portal notification's title, body, link and expiry, with a preview of it in the portal inbox. */
export function NotificationFields({ step, set, readOnly: ro }: Props) {
  return (
    <Section title="Portal notification">
      <TextField label="Title" value={step.title} onChange={(v) => set("title", v)} readOnly={ro} />
      <TextArea label="Body" value={step.body} onChange={(v) => set("body", v)} readOnly={ro} />
      <TextField label="Link" value={step.link} onChange={(v) => set("link", v || undefined)} readOnly={ro} />
      <DurationField
        label="Expires after"
        value={step.expiresAfter}
        emptyText="never"
        onChange={(v) => set("expiresAfter", v)}
        readOnly={ro}
      />
      <NotificationPreviewPane step={step} />
    </Section>
  );
}

/** The notification rendered by the server (Liquid, for a sample customer or one chosen) and drawn like an inbox row. */
function NotificationPreviewPane({ step }: { step: StepOf<"notification"> }) {
  const [preview, setPreview] = useState<NotificationPreview | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "unavailable" | "error">("loading");
  const [customerId, setCustomerId] = useState("");
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .previewNotification({
          title: step.title,
          body: step.body,
          link: step.link,
          customerId: customerId.trim() || undefined,
        })
        .then((p) => {
          if (!live) return;
          setPreview(p);
          setState("ready");
        })
        .catch(
          (e: unknown) =>
            live && setState(e instanceof ApiError && e.code === "route_not_found" ? "unavailable" : "error"),
        );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [step.title, step.body, step.link, customerId]);

  if (state === "unavailable")
    return <p className="muted">The notification preview is not available on this server.</p>;
  return (
    <section className="step-preview" aria-label="Notification preview">
      <div className="preview-bar">
        <span className="panel-subtitle">In the portal inbox</span>
        <input
          aria-label="Preview for customer"
          placeholder="sample customer"
          value={customerId}
          onChange={(e) => setCustomerId(e.target.value)}
        />
      </div>
      {state === "error" && (
        <p className="error-text">The preview could not be rendered{customerId ? ` for '${customerId}'` : ""}.</p>
      )}
      {preview && (
        <>
          {preview.problems.map((p) => (
            <p key={p.field} className="error-text">
              {p.field}: {p.message}
            </p>
          ))}
          <div className="inbox-preview" data-testid="notification-preview">
            <span className="inbox-dot" aria-hidden="true" />
            <div className="inbox-text">
              <strong data-testid="notification-preview-title">{preview.title}</strong>
              {preview.body && <p>{preview.body}</p>}
              {preview.link && <span className="inbox-link">{preview.link} →</span>}
            </div>
            <small className="muted">just now</small>
          </div>
        </>
      )}
    </section>
  );
}
