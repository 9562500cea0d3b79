import { useEffect, useState } from "react";

/** The widths an email is read at: a desktop mail client's reading pane and a phone. */
export const EMAIL_WIDTHS = { desktop: 600, mobile: 360 } as const;
export type EmailWidth = keyof typeof EMAIL_WIDTHS;

type Props = { subject: string; html: string; initialWidth: EmailWidth; onClose: () => void };

/**
 * The email at its real size, over the editor: the side panel can only show it shrunk. Desktop or mobile width, the
 * subject above it as an inbox shows it; Escape or Close goes back to editing.
 */
export function EmailFullPreview({ subject, html, initialWidth, onClose }: Props) {
  const [width, setWidth] = useState<EmailWidth>(initialWidth);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose]);
  return (
    <div className="modal-backdrop">
      <div className="modal email-full-preview" role="dialog" aria-label="Email preview, full size">
        <div className="preview-bar">
          <h2>Preview at full size</h2>
          <fieldset className="width-toggle" aria-label="Preview width">
            {(["desktop", "mobile"] as const).map((w) => (
              <button
                type="button"
                key={w}
                className={width === w ? "toggle on" : "toggle"}
                aria-pressed={width === w}
                onClick={() => setWidth(w)}
              >
                {w === "desktop" ? `Desktop (${EMAIL_WIDTHS.desktop} px)` : `Mobile (${EMAIL_WIDTHS.mobile} px)`}
              </button>
            ))}
          </fieldset>
          {/* biome-ignore lint/a11y/noAutofocus: the dialog takes the focus so Escape and Tab work at once */}
          <button type="button" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
        <div className="preview-subject full">{subject}</div>
        <iframe title="Email preview at full size" sandbox="" srcDoc={html} style={{ width: EMAIL_WIDTHS[width] }} />
      </div>
    </div>
  );
}
