import { type KeyboardEvent, useId, useState } from "react";
import "./panels.css";

/** One choice of a {@link Combobox}: the value written into the journey, words to show, and a hint (e.g. "812 seen"). */
export type ComboOption = { value: string; label?: string; hint?: string };

type Props = {
  label: string;
  value: string;
  options: readonly ComboOption[];
  onChange: (value: string) => void;
  placeholder?: string;
  readOnly?: boolean;
  /** Says what a value outside the options means; "not seen yet" by default. Empty: no flag. */
  unseenText?: string;
  /** A data-testid for the input, for browser tests. */
  testId?: string;
  /** Called when an option is picked from the list (after onChange), e.g. to add it to a list and clear the box. */
  onPick?: (value: string) => void;
};

const MAX_SHOWN = 50;

/**
 * A text box with a list of what the workspace has seen: type to filter, pick with the mouse or the keyboard (arrows,
 * Enter, Escape). Free text is still accepted, flagged "not seen yet", for names that will only arrive later.
 */
export function Combobox({
  label,
  value,
  options,
  onChange,
  placeholder,
  readOnly,
  unseenText = "not seen yet",
  testId,
  onPick,
}: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(false);
  const [active, setActive] = useState(0);
  const needle = typed ? value.trim().toLowerCase() : "";
  const shown = options
    .filter((o) => !needle || o.value.toLowerCase().includes(needle) || (o.label ?? "").toLowerCase().includes(needle))
    .slice(0, MAX_SHOWN);
  const unseen = unseenText !== "" && value.trim() !== "" && !options.some((o) => o.value === value);
  const expanded = open && !readOnly && shown.length > 0;

  const pick = (option: ComboOption) => {
    onChange(option.value);
    onPick?.(option.value);
    setOpen(false);
    setTyped(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (shown.length === 0 ? 0 : (i + step + shown.length) % shown.length));
    } else if (e.key === "Enter" && expanded) {
      e.preventDefault();
      const option = shown[Math.min(active, shown.length - 1)];
      if (option) pick(option);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="field combobox">
      <label htmlFor={id}>
        <span>{label}</span>
        {unseen && <span className="unseen-flag">{unseenText}</span>}
      </label>
      <input
        id={id}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? `${id}-${active}` : undefined}
        autoComplete="off"
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setTyped(false);
        }}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          onChange(e.target.value);
          setTyped(true);
          setOpen(true);
          setActive(0);
        }}
      />
      {expanded && (
        <div className="combo-list" id={`${id}-list`} role="listbox" aria-label={label}>
          {shown.map((o, i) => (
            <div
              key={o.value}
              tabIndex={-1}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "combo-option active" : "combo-option"}
              // mousedown, not click: the input must not lose focus (and close the list) before the pick.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="combo-value">{o.label ?? o.value}</span>
              {o.label && o.label !== o.value && <span className="combo-raw mono">{o.value}</span>}
              {o.hint && <span className="combo-hint">{o.hint}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
