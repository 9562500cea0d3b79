/** Every key the canvas answers to, in the words a user would look for. */
export const KEYBOARD_SHORTCUTS: ReadonlyArray<readonly [keys: string[], what: string]> = [
  [["Tab", "Shift+Tab"], "Next or previous step, following the exits from the trigger"],
  [["↓", "↑"], "Step the first exit leads to; step that leads here"],
  [["←", "→"], "Step beside this one (another arm of a branch or split)"],
  [["Enter"], "Edit the selected step in the side panel"],
  [["Esc"], "Back from the side panel to the step; on the canvas, clear the selection"],
  [["Delete", "Backspace"], "Remove the selected steps"],
  [["Ctrl+Z"], "Undo"],
  [["Ctrl+Shift+Z", "Ctrl+Y"], "Redo"],
  [["Ctrl+C", "Ctrl+V"], "Copy and paste the selected steps"],
  [["Enter", "Space"], "On a step in the palette: add it below the selected step"],
  [["?"], "Show or hide this list"],
];

/** The list of keyboard shortcuts, opened with `?` or the toolbar's `?` button. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop">
      <div
        className="modal keyboard-help"
        role="dialog"
        aria-label="Keyboard shortcuts"
        onKeyDown={(e) => (e.key === "Escape" || e.key === "?") && onClose()}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {KEYBOARD_SHORTCUTS.map(([keys, what]) => (
              <tr key={what}>
                <td>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && " "}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          {/* biome-ignore lint/a11y/noAutofocus: the dialog takes the keyboard so Esc closes it */}
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
