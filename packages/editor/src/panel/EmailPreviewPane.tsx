import type { StepOf } from "@overture/core";
import { useEffect, useState } from "react";
import { ApiError, api, type EmailPreview } from "../api/api-client.ts";
import { problemText } from "../model/problem-words.ts";
import { EmailFullPreview, EMAIL_WIDTHS as WIDTHS } from "./EmailFullPreview.tsx";
import { EmailTestSend } from "./EmailTestSend.tsx";

const PREVIEW_HEIGHT = 640;
/** The side panel is narrower than an email: the rendering is shrunk to fit, at its real width. */
const PANEL_WIDTH = 308;
const scale = (width: keyof typeof WIDTHS) => Math.min(1, PANEL_WIDTH / WIDTHS[width]);

/** The email as a customer would get it, rendered by the server a moment after each edit (sample data, or a customer). */
export function EmailPreviewPane({ step }: { step: StepOf<"email"> }) {
  const [preview, setPreview] = useState<EmailPreview | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "unavailable" | "error">("loading");
  const [width, setWidth] = useState<keyof typeof WIDTHS>("desktop");
  const [customerId, setCustomerId] = useState("");
  const [fullSize, setFullSize] = useState(false);

  useEffect(() => {
    if (!step.body) {
      setState("ready");
      setPreview(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api
        .previewEmail({
          subject: step.subject ?? "",
          preheader: step.preheader,
          body: step.body ?? "",
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
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [step.subject, step.preheader, step.body, customerId]);

  if (state === "unavailable") return <p className="muted">Email preview is not available on this server.</p>;
  return (
    <section className="email-preview" aria-label="Email preview">
      <div className="preview-bar">
        <span className="panel-subtitle">Preview</span>
        <input
          aria-label="Preview for customer"
          placeholder="sample customer"
          value={customerId}
          onChange={(e) => setCustomerId(e.target.value)}
        />
        {(["desktop", "mobile"] as const).map((w) => (
          <button type="button" key={w} className={width === w ? "toggle on" : "toggle"} onClick={() => setWidth(w)}>
            {w}
          </button>
        ))}
        <button
          type="button"
          className="toggle"
          disabled={!preview}
          onClick={() => setFullSize(true)}
          title="See the email at its real width"
        >
          Full size
        </button>
      </div>
      {state === "error" && <p className="error-text">The preview could not be rendered.</p>}
      {preview && preview.problems.length > 0 && (
        <ul className="problem-list">
          {preview.problems.map((p) => (
            <li key={`${p.field}-${p.line}-${p.column}-${p.code}`} className="problem">
              {/* In the author's words: the field's label, and the block for a body made of blocks. */}
              <span>{problemText({ ...p, path: p.field }, step)}</span>
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <>
          <EmailTestSend step={step} customerId={customerId.trim()} />
          <div className="preview-subject" data-testid="preview-subject">
            {preview.subject}
          </div>
          <div className="preview-frame" style={{ height: PREVIEW_HEIGHT * scale(width) }}>
            <iframe
              title="Email preview"
              sandbox=""
              srcDoc={preview.html}
              style={{ width: WIDTHS[width], height: PREVIEW_HEIGHT, transform: `scale(${scale(width)})` }}
            />
          </div>
        </>
      )}
      {preview && fullSize && (
        <EmailFullPreview
          subject={preview.subject}
          html={preview.html}
          initialWidth={width}
          onClose={() => setFullSize(false)}
        />
      )}
    </section>
  );
}
