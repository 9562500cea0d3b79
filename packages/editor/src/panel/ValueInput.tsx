import type { ConditionValue, Operator } from "@overture/core";
import { useId, useState } from "react";
import { parseValueText, typedTextHolds, valueText, valueTextProblem } from "./condition-edit.ts";

type Props = {
  label: string;
  /** The value the document holds. */
  value: ConditionValue | undefined;
  /** How the value is compared: "in" reads a comma-separated list, comparisons of size read a number. */
  op: Operator;
  /** The field holds numbers, so "10" is read as 10. */
  numeric?: boolean;
  /** Values seen on the field, offered as suggestions. */
  samples?: readonly (string | number | boolean)[];
  onChange: (value: ConditionValue | undefined) => void;
  readOnly: boolean;
};

/**
 * A value box for a comparison: it keeps the text as typed (a comma or a decimal point is not dropped while the
 * value is half written) and sends the value it means on every keystroke; a number that is not a number is said
 * under the box. Suggests the values seen on the field (a datalist: any other value can still be typed).
 */
export function ValueInput({ label, value, op, numeric = false, samples = [], onChange, readOnly }: Props) {
  const id = useId();
  const [typed, setTyped] = useState(() => valueText(value));
  const text = typedTextHolds(typed, value, op, numeric) ? typed : valueText(value);
  const problem = valueTextProblem(text, op);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label="Value"
        aria-invalid={problem !== null}
        list={samples.length > 0 ? id : undefined}
        value={text}
        readOnly={readOnly}
        onChange={(e) => {
          setTyped(e.target.value);
          onChange(parseValueText(e.target.value, op, numeric));
        }}
      />
      {problem && (
        <span className="value-problem" role="alert">
          {problem}
        </span>
      )}
      {samples.length > 0 && (
        <datalist id={id}>
          {samples.map((s) => (
            <option key={String(s)} value={String(s)} />
          ))}
        </datalist>
      )}
    </label>
  );
}
