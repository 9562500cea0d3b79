import { useState } from "react";
import type { ComboOption } from "./Combobox.tsx";
import { Combobox } from "./Combobox.tsx";

type Props = {
  label: string;
  values: readonly string[];
  options: readonly ComboOption[];
  onChange: (values: string[]) => void;
  readOnly: boolean;
};

/** A list of names (content topics) as removable chips, added by picking from what was seen or typing a new one. */
export function TopicList({ label, values, options, onChange, readOnly }: Props) {
  const [text, setText] = useState("");
  const add = (value: string) => {
    const name = value.trim();
    if (name !== "" && !values.includes(name)) onChange([...values, name]);
    setText("");
  };
  return (
    <div className="topic-list">
      <div className="chips">
        {values.map((v) => (
          <span className="chip" key={v}>
            {v}
            {!readOnly && (
              <button
                type="button"
                className="link"
                aria-label={`Remove ${v}`}
                onClick={() => onChange(values.filter((x) => x !== v))}
              >
                ✕
              </button>
            )}
          </span>
        ))}
      </div>
      {!readOnly && (
        <div className="inline-fields">
          <Combobox
            label={label}
            value={text}
            options={options.filter((o) => !values.includes(o.value))}
            onChange={setText}
            onPick={add}
          />
          <button type="button" disabled={text.trim() === ""} onClick={() => add(text)}>
            Add
          </button>
        </div>
      )}
    </div>
  );
}
