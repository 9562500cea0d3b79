import { type ReactNode, useRef, useState } from "react";
import { type VariableOption, variableSnippet } from "./variable-options.ts";

type Editable = HTMLInputElement | HTMLTextAreaElement;

/**
 * Wraps a group of fields and offers a variable menu that inserts at the cursor of the field last typed in (subject,
 * preheader, body, a block's text, a payload field). A customer's value is inserted with a fallback the author can
 * change first ("Hi there" for a customer without a first name, who would otherwise get no email). The value is set
 * through the element's own setter and an input event, so the field's React onChange (and with it undo and autosave)
 * sees the insertion as typing.
 */
export function VariablePicker({
  options,
  readOnly,
  children,
}: {
  options: VariableOption[];
  readOnly: boolean;
  children: ReactNode;
}) {
  const last = useRef<{ field: Editable; start: number; end: number } | null>(null);
  const [hint, setHint] = useState("Click into a field, then pick what to insert.");
  const [staged, setStaged] = useState<{ option: VariableOption; fallback: string } | null>(null);
  const remember = (target: EventTarget) => {
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    // The picker's own fallback box is not where the variable goes.
    if (target.closest(".variable-picker-bar")) return;
    last.current = {
      field: target,
      start: target.selectionStart ?? target.value.length,
      end: target.selectionEnd ?? target.value.length,
    };
    setHint(
      `Inserts into "${target.closest("label")?.querySelector("span")?.textContent ?? "the field"}" at the cursor.`,
    );
  };
  const insert = (snippet: string) => {
    const at = last.current;
    if (!at?.field.isConnected) return setHint("Click into the field first, then pick what to insert.");
    const { field, start, end } = at;
    const value = field.value.slice(0, start) + snippet + field.value.slice(end);
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set;
    setter?.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
    field.setSelectionRange(start + snippet.length, start + snippet.length);
    last.current = { field, start: start + snippet.length, end: start + snippet.length };
  };
  const insertStaged = () => {
    if (!staged?.option.path) return;
    insert(variableSnippet(staged.option.path, staged.fallback));
    setStaged(null);
  };
  const groups = [...new Set(options.map((o) => o.group))];
  return (
    <div
      onFocusCapture={(e) => remember(e.target)}
      onInputCapture={(e) => remember(e.target)}
      onKeyUpCapture={(e) => remember(e.target)}
      onMouseUpCapture={(e) => remember(e.target)}
    >
      <div className="variable-picker-bar">
        <label className="field variable-picker">
          <span>Insert a variable</span>
          <select
            aria-label="Insert a variable"
            value=""
            disabled={readOnly}
            onChange={(e) => {
              const option = options[Number(e.target.value)];
              if (!option) return;
              if (option.path) setStaged({ option, fallback: option.fallback ?? "" });
              else insert(option.snippet);
            }}
          >
            <option value="">Customer attribute, event property, recommendation…</option>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {options.map((o, i) =>
                  o.group === g ? (
                    <option key={`${g}-${o.label}`} value={i}>
                      {o.label}
                    </option>
                  ) : null,
                )}
              </optgroup>
            ))}
          </select>
        </label>
        {staged && (
          <fieldset className="variable-fallback" aria-label={`Insert ${staged.option.label}`}>
            <label className="field">
              <span>When a customer has no {staged.option.label}, show</span>
              <input
                aria-label="Fallback when missing"
                value={staged.fallback}
                placeholder="(nothing)"
                onChange={(e) => setStaged({ ...staged, fallback: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    insertStaged();
                  }
                }}
              />
            </label>
            <button type="button" className="primary" onClick={insertStaged}>
              Insert {staged.option.label}
            </button>
            <button type="button" onClick={() => setStaged(null)}>
              Cancel
            </button>
          </fieldset>
        )}
      </div>
      <p className="hint">{hint}</p>
      {children}
    </div>
  );
}
